"""Dagster wiring: assets, checks, sensors, resources and the instance over the plain newsfacts functions.
May import everything below it; nothing imports it but cli.py and definitions.py."""
