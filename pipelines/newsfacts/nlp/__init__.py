"""NLP: the one place the spaCy model is loaded, the one parse (kept as token arrays), the worker
processes it runs in, and the parse rebuilt as plain sentences and mentions for the layers above
(doc.py). May import ingest, text and the bottom layer."""
