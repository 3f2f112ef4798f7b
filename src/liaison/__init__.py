"""Liaison: an open information hub for international police cooperation."""

__version__ = "0.1.0"
