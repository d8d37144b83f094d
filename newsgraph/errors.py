"""Errors with short, searchable codes (``[E101]``).

Codes by range: E1xx reading input, E2xx cleaning, E3xx analysis stages,
E4xx knowledge base, E5xx queries, E6xx scale/batch.
"""

from __future__ import annotations

__all__ = ["NewsgraphError", "InputError", "QueryError", "StoreError"]


class NewsgraphError(Exception):
    """Base error: ``code`` is a short searchable code, ``where`` names the file/record."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None, where: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.where = where

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}[{self.code}] {self.message}"


class InputError(NewsgraphError):
    """Unreadable or malformed input (one document; the batch goes on)."""

    code = "E100"


class QueryError(NewsgraphError):
    """A search or filter the knowledge base cannot run (bad syntax, unknown field)."""

    code = "E500"


class StoreError(NewsgraphError):
    """The knowledge base cannot be opened or migrated."""

    code = "E400"
