"""Robustness tests: bad input, hostile text, regex safety and properties (issue 8)."""
