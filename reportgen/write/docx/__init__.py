"""DOCX writer: python-docx and lxml behind this one package."""
