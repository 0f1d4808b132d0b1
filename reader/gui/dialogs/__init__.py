"""Dialogs: import progress and summary, confirmations."""
