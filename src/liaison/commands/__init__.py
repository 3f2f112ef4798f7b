"""Command functions that the `liaison` CLI registers."""
