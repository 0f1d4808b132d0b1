"""Exporters: one module per output format, fed by row iterators from the Library."""

# Exporters report progress (and the Library checks for cancellation) every CHUNK rows.
CHUNK = 2000
