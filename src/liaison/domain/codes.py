"""Closed vocabularies shared by every layer.

Values are the short codes stored in the database and sent over the API, so
they must never be renamed once data exists.
"""

from __future__ import annotations

from enum import StrEnum


class AgencyKind(StrEnum):
    POLICE = "police"
    PASSENGER_INFORMATION_UNIT = "piu"
    NATIONAL_CENTRAL_BUREAU = "ncb"
    LIAISON_BUREAU = "liaison_bureau"
    HUB = "hub"
    CARRIER = "carrier"


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    SUPERVISOR = "supervisor"
    LIAISON_OFFICER = "liaison_officer"
    DATA_PROTECTION_OFFICER = "dpo"
    FIELD_OFFICER = "field_officer"


class HandlingCode(StrEnum):
    """Handling codes as used in police information exchange.

    H0: use for preventing and combating crime only.
    H1: not to be used in judicial proceedings without the provider's permission.
    H2: not to be passed on without the provider's permission.
    H3: other restrictions, stated in free text.
    """

    H0 = "H0"
    H1 = "H1"
    H2 = "H2"
    H3 = "H3"


class SourceReliability(StrEnum):
    """A: no doubt; B: mostly reliable; C: not reliable; X: cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    X = "X"


class InformationAccuracy(StrEnum):
    """1: known true; 2: known personally to the source; 3: not known personally
    but corroborated; 4: cannot be judged."""

    KNOWN_TRUE = "1"
    KNOWN_TO_SOURCE = "2"
    CORROBORATED = "3"
    CANNOT_BE_JUDGED = "4"


class RegisterKind(StrEnum):
    PERSONS = "persons"
    DOCUMENTS = "documents"
    CARDS = "cards"


class PersonCategory(StrEnum):
    WANTED = "wanted"
    FOREIGN_TERRORIST_FIGHTER = "foreign_terrorist_fighter"
    MISSING = "missing"
    SUSPECT = "suspect"
    WITNESS = "witness"


class DocumentStatus(StrEnum):
    STOLEN = "stolen"
    LOST = "lost"
    REVOKED = "revoked"
    INVALIDATED = "invalidated"


class RecordStatus(StrEnum):
    ACTIVE = "active"
    INVALIDATED = "invalidated"


class Gender(StrEnum):
    FEMALE = "F"
    MALE = "M"
    UNKNOWN = "U"


class MessageFormat(StrEnum):
    PNRGOV = "pnrgov"
    PNRGOV_XML = "pnrgov-xml"
    PAXLST = "paxlst"


class MessageStatus(StrEnum):
    """Where a pushed message stands. Three statuses say it was read and kept (``read``):
    ``processed`` (read as sent), ``read_with_warnings`` (all of it read, but the reader
    changed, left out or doubted something, said in its warnings) and ``partly_read``
    (some unit, a PNR, a traveller or a message, could not be read; the rest was kept)."""

    RECEIVED = "received"
    PROCESSED = "processed"
    READ_WITH_WARNINGS = "read_with_warnings"
    PARTLY_READ = "partly_read"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    # Read, but processing failed again and again: set aside for an operator to retry.
    FAILED = "failed"

    @property
    def read(self) -> bool:
        """Done: read and kept, in whole or in part (what counts as processed)."""
        return self in READ_STATUSES


# The statuses of a message read and kept: every query, count and filter that means "done" uses these.
READ_STATUSES = frozenset(
    {MessageStatus.PROCESSED, MessageStatus.READ_WITH_WARNINGS, MessageStatus.PARTLY_READ}
)


class TravellerRole(StrEnum):
    PASSENGER = "passenger"
    CREW = "crew"


class HitStatus(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class FieldOutcome(StrEnum):
    """What officers at the airport did about a hit (operation field reports)."""

    ARREST = "arrest"
    REFUSED_BOARDING = "refused_boarding"
    RELEASED = "released"
    SEIZURE = "seizure"
    NO_ACTION = "no_action"


class RuleStatus(StrEnum):
    """Life cycle of one version of a risk rule."""

    DRAFT = "draft"
    APPROVED = "approved"
    ACTIVE = "active"
    RETIRED = "retired"


class RuleAcceptance(StrEnum):
    """Another agency's answer to a rule version scoped to its passengers: the
    version runs on them only while it is accepted."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ListKind(StrEnum):
    """What a named list for risk rules holds."""

    AIRPORTS = "airports"
    COUNTRIES = "countries"
    BINS = "bins"


class Mode(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class DetailRequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class NotificationKind(StrEnum):
    HIT_ON_RECORD = "hit_on_record"
    DETAILS_REQUESTED = "details_requested"
    DETAILS_APPROVED = "details_approved"
    DETAILS_REFUSED = "details_refused"
    RECORD_PASSED_ON = "record_passed_on"
    HIT_CONFIRMED = "hit_confirmed"
    CASE_MESSAGE = "case_message"
    REQUEST_OVERDUE = "request_overdue"
