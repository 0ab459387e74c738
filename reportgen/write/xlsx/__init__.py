"""XLSX writer: XlsxWriter behind this one package."""
