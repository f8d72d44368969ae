"""The warehouse contract in code: the schema of every relation (columns, types, closed sets of
values) and the record of an article a layer failed on. Every layer may import it; it imports no
other newsfacts module."""
