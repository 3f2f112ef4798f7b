"""Journeys and networks: identity resolution over traveller records, trips
with Schengen crossings and broken travel, co-travellers. Pure, no I/O."""

from liaison.journeys.identity import Decision, Link, Person, TravellerRecord, resolve
from liaison.journeys.network import Appearance, Tie, network, ties, to_csv, to_graphml
from liaison.journeys.trips import Crossing, JourneyLeg, Trip, trips

__all__ = [
    "Appearance",
    "Crossing",
    "Decision",
    "JourneyLeg",
    "Link",
    "Person",
    "Tie",
    "TravellerRecord",
    "Trip",
    "network",
    "resolve",
    "ties",
    "to_csv",
    "to_graphml",
    "trips",
]
