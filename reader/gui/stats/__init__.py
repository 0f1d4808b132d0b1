"""The Statistics window: charts of who is quoted and what is named, over the library's scope."""
