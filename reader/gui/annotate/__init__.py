"""Annotating in the window: keys, toolbar and menus → library calls → marks and panel."""
