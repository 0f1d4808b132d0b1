"""Views that show one thing: the article view."""
