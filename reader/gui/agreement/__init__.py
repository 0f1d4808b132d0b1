"""The Agreement window (View → Agreement…)."""
