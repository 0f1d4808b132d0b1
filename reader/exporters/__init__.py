"""Exporters: one module per output format, fed by row iterators from the Library."""
