"""The GDELT 2.0 event and mention columns, in the codebooks' order, with the DuckDB types a reader gives them.

Codes are text (VARCHAR) so `010` keeps its leading zero; the rest as the codebooks describe them
(GDELT-Event_Codebook-V2.0, GDELT-Event-Mentions codebook of the GDELT Project)."""

from __future__ import annotations


def _actor(n: int) -> list[tuple[str, str]]:
    a = f"Actor{n}"
    names = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"]
    return [(a + x, "VARCHAR") for x in names + ["Type1Code", "Type2Code", "Type3Code"]]


def _geo(prefix: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}Geo_Type", "INTEGER"),
        (f"{prefix}Geo_FullName", "VARCHAR"),
        (f"{prefix}Geo_CountryCode", "VARCHAR"),
        (f"{prefix}Geo_ADM1Code", "VARCHAR"),
        (f"{prefix}Geo_ADM2Code", "VARCHAR"),
        (f"{prefix}Geo_Lat", "DOUBLE"),
        (f"{prefix}Geo_Long", "DOUBLE"),
        (f"{prefix}Geo_FeatureID", "VARCHAR"),
    ]


EVENT_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "BIGINT"),
    ("SQLDATE", "INTEGER"),
    ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"),
    ("FractionDate", "DOUBLE"),
    *_actor(1),
    *_actor(2),
    ("IsRootEvent", "INTEGER"),
    ("EventCode", "VARCHAR"),
    ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"),
    ("QuadClass", "INTEGER"),
    ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"),
    ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
    *_geo("Actor1"),
    *_geo("Actor2"),
    *_geo("Action"),
    ("DATEADDED", "BIGINT"),
    ("SOURCEURL", "VARCHAR"),
]

MENTION_COLUMNS: list[tuple[str, str]] = [
    ("GLOBALEVENTID", "BIGINT"),
    ("EventTimeDate", "BIGINT"),
    ("MentionTimeDate", "BIGINT"),
    ("MentionType", "INTEGER"),
    ("MentionSourceName", "VARCHAR"),
    ("MentionIdentifier", "VARCHAR"),
    ("SentenceID", "INTEGER"),
    ("Actor1CharOffset", "INTEGER"),
    ("Actor2CharOffset", "INTEGER"),
    ("ActionCharOffset", "INTEGER"),
    ("InRawText", "INTEGER"),
    ("Confidence", "INTEGER"),
    ("MentionDocLen", "INTEGER"),
    ("MentionDocTone", "DOUBLE"),
    ("MentionDocTranslationInfo", "VARCHAR"),
    ("Extras", "VARCHAR"),
]


def read_csv_sql(path: str, columns: list[tuple[str, str]]) -> str:
    """A DuckDB read_csv of an unzipped GDELT file with the codebook's
    names and types: tab-separated, no header, no quoting."""
    cols = ", ".join(f"'{n}': '{t}'" for n, t in columns)
    return f"read_csv('{path}', delim='\\t', header=false, quote='', escape='', columns={{{cols}}})"
