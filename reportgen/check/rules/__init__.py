"""The reconciliation rules: each a small function from a typed document to findings; registry.py lists them."""
