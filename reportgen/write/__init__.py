"""Write: one visitor of the Document tree per output format (DOCX, PDF, XLSX, the text dump)."""
