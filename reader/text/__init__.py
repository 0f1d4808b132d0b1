"""Pure-Python text handling: canonical text, blocks, normalisation."""
