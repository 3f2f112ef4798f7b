"""Passenger data from receipt to hits: store, read, screen, hand over to workers, set aside failures."""
