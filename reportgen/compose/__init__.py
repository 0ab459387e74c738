"""Compose: templates and checked data into the Document tree."""
