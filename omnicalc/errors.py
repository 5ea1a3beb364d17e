"""Exceptions and warnings of omnicalc.

Every error names the field, the value and what is allowed, in English (``str(error)``)
and in Dutch (``error.message_nl``) for the dashboard.
"""

from __future__ import annotations


def _nl(value: object) -> str:
    """A value as a Dutch reader expects it: decimal comma for numbers."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return repr(value) if isinstance(value, str) else str(value)


class OmnicalcError(Exception):
    """Base class of omnicalc's own errors."""


class InputError(OmnicalcError, ValueError):
    """An input value that the model cannot accept.

    Attributes
    ----------
    field : str
        Where the value came from, e.g. ``"status_portal.reach_share"``.
    value : object
        The value given.
    allowed : str
        What is allowed, in English.
    message_nl : str
        The same message in Dutch, for people.
    """

    def __init__(
        self, field: str, value: object, allowed: str, *, allowed_nl: str | None = None, label_nl: str | None = None
    ) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        shown = label_nl or field
        self.message_nl = f"{shown}: de waarde {_nl(value)} is niet toegestaan; {allowed_nl or allowed}."
        super().__init__(f"{field}: value {value!r} is not allowed; {allowed}.")


class ScenarioFileError(InputError):
    """A scenario file that cannot be read or does not follow the schema."""


class AssumptionWarning(UserWarning):
    """A valid but implausible input: the result is computed, but check the value."""


__all__ = [
    "AssumptionWarning",
    "InputError",
    "OmnicalcError",
    "ScenarioFileError",
]
