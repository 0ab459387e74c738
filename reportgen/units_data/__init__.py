"""The administrative units dataset (PyPI vietnamadminunits): the one package that reads it, and the register text."""
