"""Events: CAMEO/PLOVER coding of who did what to whom, with arguments, modality, dates,
quotations and stances. May import nlp, ingest, text and the bottom layer (contract,
dictionaries, lexicon files, caching); it reads entities only as frames, never their modules."""
