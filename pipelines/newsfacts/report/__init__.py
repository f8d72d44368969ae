"""The analysts' report: one self-contained HTML file of charts and tables over the warehouse.

Aggregation is SQL over the views (DuckDB), charts are Vega-Lite specs (altair) drawn by the Vega
runtime inlined into the page, and the same specs render to PNG without a browser for the Dagster
UI (vl-convert). May import the warehouse layer and below, and quality; never Dagster or defs.
"""
