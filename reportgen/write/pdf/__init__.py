"""PDF writer: the tree as HTML, laid out by WeasyPrint, long tables in parts joined by pypdf."""
