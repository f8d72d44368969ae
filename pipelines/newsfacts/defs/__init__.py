"""Dagster wiring: assets, checks, sensors and resources over the plain newsfacts functions."""
