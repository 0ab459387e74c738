"""Write: one writer per output format; here, the check report as text and as JSON."""
