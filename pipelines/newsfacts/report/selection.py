"""Which events a report covers: a date range and an actor, as one SQL WHERE clause."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Selection:
    since: date | None = None
    until: date | None = None  # inclusive
    actor: str | None = None  # a CAMEO actor code or its prefix: USA takes USAGOV too

    def where(self, date_column: str, actor_columns: tuple[str, ...]) -> tuple[str, list[date | str]]:
        """The condition and its parameters over the named columns ("TRUE" when nothing is chosen)."""
        terms: list[str] = ["TRUE"]
        params: list[date | str] = []
        if self.since:
            terms.append(f"{date_column} >= ?")
            params.append(self.since)
        if self.until:
            terms.append(f"{date_column} <= ?")
            params.append(self.until)
        if self.actor:
            terms.append("(" + " OR ".join(f"starts_with({c}, ?)" for c in actor_columns) + ")")
            params.extend([self.actor] * len(actor_columns))
        return " AND ".join(terms), params

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"events dated {self.since or '…'} to {self.until or '…'}")
        if self.actor:
            parts.append(f"actor codes starting {self.actor}")
        return "; ".join(parts) or "all events"
