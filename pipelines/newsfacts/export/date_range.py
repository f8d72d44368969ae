"""--since/--until: the SQL condition that keeps rows whose event date lies in the range."""


def in_range(column: str) -> str:
    """Rows whose `column` lies within $since..$until, both inclusive; an absent bound leaves that side open
    (and with a bound given, a row without a date is left out)."""
    return f"($since::DATE IS NULL OR {column} >= $since::DATE) AND ($until::DATE IS NULL OR {column} <= $until::DATE)"
