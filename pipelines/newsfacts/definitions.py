"""Entry point for `dagster dev -m newsfacts.definitions`, `dg dev` and `newsfacts ui`."""

from newsfacts.defs.build import build_definitions
from newsfacts.settings import Settings

defs = build_definitions(Settings.from_env())
