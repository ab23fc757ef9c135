"""Who is writing: an account's name (as stored) or the CLI's local operator. Kept apart from
etl.accounts (which reaches the database) so that a command names its actor without importing
DuckDB before it reads its file."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from etl.text import clean

__all__ = ["Actor", "login_name"]


@dataclass(frozen=True)
class Actor:
    """Who is writing. An account is looked up again in the database at every write, so a
    removed account or a changed role takes effect at once; the CLI's local operator is not an
    account and has full rights."""

    name: str
    via: str = "web"            # web | cli
    operator: bool = False

    def __post_init__(self) -> None:
        if not self.operator:  # an account's name as stored, so loaded_by matches the owner
            object.__setattr__(self, "name", login_name(self.name))

    @classmethod
    def local_operator(cls, name: str | None = None) -> Actor:
        return cls(name or _os_user(), via="cli", operator=True)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def login_name(name: str) -> str:
    """Login names are compared trimmed and in lower case ('DucTrong ' is 'ductrong')."""
    return clean(name).lower()
