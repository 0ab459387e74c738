"""Load: files into untyped values tagged with locations (YAML, XLSX, narrative text)."""
