"""Check: Raw values into the typed model, then every reconciliation rule into findings."""
