"""Export: the warehouse written in the field's formats (GDELT 2.0 events and mentions, PLOVER JSON lines)
and as plain Parquet or CSV files. Reads a published DuckDB warehouse only; imports the layers below
(contract, lexicon files, warehouse storage), never defs/ or the CLI."""
