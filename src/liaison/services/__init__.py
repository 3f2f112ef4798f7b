"""Use cases joining the store with the pure libraries (formats, matching, criteria)."""
