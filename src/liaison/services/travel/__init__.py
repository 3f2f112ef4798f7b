"""Travellers as an agency received them: hits and their review, manifests, passengers, journeys, fraud."""
