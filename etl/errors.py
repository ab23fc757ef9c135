"""Errors the ETL raises on purpose: `Refused` is bad input, reported to the user (exit 2)."""

from __future__ import annotations


class Refused(Exception):
    """Input the loader will not accept; the message is shown to the user as it is.

    Messages are in Vietnamese (staff read them in the upload page and the CLI) and
    name the row, column or reason so the file can be fixed.
    """

    def __init__(self, message: str, *, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates or []

    def __str__(self) -> str:
        return self.message
