"""The CAMEO codebook and its PLOVER categories, read from the data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsfacts import lexicon_files


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None


@dataclass(frozen=True)
class Codebook:
    codes: dict[str, CameoCode]

    def get(self, code: str) -> CameoCode | None:
        return self.codes.get(code)

    def __contains__(self, code: str) -> bool:
        return code in self.codes


@lru_cache(maxsize=2)
def codebook(plover_readings: bool = True) -> Codebook:
    """The codes with their PLOVER categories: the published mapping, with the project's readings on top
    (cameo_plover_readings.csv: where it departs from the published one) unless left out."""
    plover = {r["cameo_prefix"]: r["plover_category"] for r in lexicon_files.read_csv("cameo_plover.csv")}
    if plover_readings:
        plover |= {r["cameo_prefix"]: r["plover_category"] for r in lexicon_files.read_csv("cameo_plover_readings.csv")}

    def category(code: str) -> str | None:
        for n in range(len(code), 1, -1):
            if code[:n] in plover:
                return plover[code[:n]]
        return None

    codes = {}
    for r in lexicon_files.read_csv("cameo_codes.csv"):
        code = r["code"]
        codes[code] = CameoCode(code, r["name"], code[:2], int(r["quad_class"]), float(r["goldstein"]), category(code))
    return Codebook(codes)
