"""Registers of persons, documents and cards: records, imports, re-screening, hit / no-hit, releases."""
