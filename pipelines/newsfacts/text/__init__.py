"""Text: cleaning with offset maps back to the file, paragraph blocks, sentence segmentation, and
the sentences rows. Pure functions over strings; may import only the bottom layer (contract,
lexicon files)."""
