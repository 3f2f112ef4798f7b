"""Readers and writers of the wire formats: bytes in, domain objects out, no I/O."""
