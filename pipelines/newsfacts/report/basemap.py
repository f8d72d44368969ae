"""The world map's country shapes: Natural Earth 1:110m as TopoJSON, shipped in assets/basemap/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]
FILE_NAME = "countries-110m.json"


def basemap_path(package_dir: Path = _PACKAGE_DIR) -> Path:
    """assets/basemap in a checkout, or the copy bundled into a wheel."""
    for candidate in (package_dir.parents[1] / "assets" / "basemap", package_dir / "_data" / "basemap"):
        if (candidate / FILE_NAME).is_file():
            return candidate / FILE_NAME
    raise FileNotFoundError(f"newsfacts base map not found: expected assets/basemap/{FILE_NAME} in the project")


@cache
def countries_topojson() -> dict:
    return json.loads(basemap_path().read_text(encoding="utf-8"))
