"""Narrative expressions: the sandboxed Jinja environment and the words a clerk writes in {{ ... }}."""
