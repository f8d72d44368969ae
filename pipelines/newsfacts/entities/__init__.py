"""Entities: mentions the model found, corrected and completed by the lexicons and the dictionary
set's actors, resolved per article to canonical entities with actor codes and coordinates.
May import nlp, ingest, text and the bottom layer (contract, dictionaries, lexicon files, caching)."""
