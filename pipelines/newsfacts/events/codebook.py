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


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    plover = {r["cameo_prefix"]: r["plover_category"] for r in lexicon_files.read_csv("cameo_plover.csv")}

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
