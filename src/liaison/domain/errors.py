"""Domain errors. Each carries the HTTP status the API maps it to, so the
mapping lives in one table and services never import the web framework."""

from __future__ import annotations


class LiaisonError(Exception):
    """Base of every error Liaison reports to a person."""

    status_code: int = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(LiaisonError):
    """Settings that cannot work (unsafe secret, unreachable database)."""

    status_code = 500


class NotFound(LiaisonError):
    status_code = 404


class Forbidden(LiaisonError):
    status_code = 403


class NotAuthenticated(LiaisonError):
    status_code = 401


class Conflict(LiaisonError):
    status_code = 409


class PayloadTooLarge(LiaisonError):
    status_code = 413


class InvalidInput(LiaisonError):
    """Bad input; the message names the field at fault."""

    status_code = 422


class Unavailable(LiaisonError):
    """A service this request needs (the database) does not answer; try again later."""

    status_code = 503


class DatabaseTooNew(ConfigurationError):
    """The database was migrated by a newer Liaison than the one running."""
