"""Qt item models: thin adapters over the Library."""
