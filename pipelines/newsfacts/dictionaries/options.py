"""How a run codes, beside which dictionaries: options a run names on its command line or in the
environment (where the code versions, the Dagster definitions and the sensor read them)."""

from __future__ import annotations

import os
from dataclasses import dataclass

PETRARCH_COMPAT_ENV = "NEWSFACTS_PETRARCH_COMPAT"
PLOVER_READINGS_ENV = "NEWSFACTS_PLOVER_READINGS"
_OFF = ("", "0", "false", "no", "off")


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() not in _OFF


@dataclass(frozen=True)
class CodingOptions:
    # PETRARCH's grammar: an event needs a coded source and a coded target (one short keeps its trigger
    # uncoded), and a `---GOV` stays unplaced; off, one-sided events stay coded and such actors are placed.
    petrarch_compat: bool = False
    # The project's reading of CAMEO codes where it departs from the published PLOVER mapping
    # (assets/lexicons/cameo_plover_readings.csv); off, the published mapping alone.
    plover_readings: bool = True

    @classmethod
    def from_env(cls) -> CodingOptions:
        return cls(_flag(PETRARCH_COMPAT_ENV, False), _flag(PLOVER_READINGS_ENV, True))

    def set_env(self) -> None:
        os.environ[PETRARCH_COMPAT_ENV] = "1" if self.petrarch_compat else "0"
        os.environ[PLOVER_READINGS_ENV] = "1" if self.plover_readings else "0"

    @property
    def key(self) -> str:
        """What the events layer's version takes in: a changed option recodes the events."""
        return f"petrarch_compat={int(self.petrarch_compat)} plover_readings={int(self.plover_readings)}"
