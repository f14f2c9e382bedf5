"""Typed errors raised by the domain layer. Adapters translate them: the APIs into
application/problem+json, the UI and admin into form messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InvalidParam:
    name: str
    code: str
    reason: str


class DomainError(Exception):
    status = 400
    code = "invalid"
    title = "Ongeldige aanvraag."

    def __init__(self, detail: str = "", code: str | None = None):
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code:
            self.code = code


class ValidationFailed(DomainError):
    """One or more fields are invalid. ``name`` uses the wire (camelCase) name and indexes
    for list items (``relevanteAndereZaken.0``); ``nonFieldErrors`` for object-level rules."""

    status = 400
    code = "invalid"
    title = "Invalid input."

    def __init__(self, name: str | None = None, code: str = "invalid", reason: str = "",
                 *, params: list[InvalidParam] | None = None):
        self.params: list[InvalidParam] = list(params or [])
        if name is not None:
            self.params.append(InvalidParam(name, code, reason))
        first = self.params[0] if self.params else None
        super().__init__(first.reason if first else "Invalid input.")
        self.code = "invalid"

    def __add__(self, other: "ValidationFailed") -> "ValidationFailed":
        return ValidationFailed(params=self.params + other.params)


class NotFound(DomainError):
    status = 404
    code = "not_found"
    title = "Niet gevonden."


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "Conflict."


class Forbidden(DomainError):
    status = 403
    code = "permission_denied"
    title = "U heeft geen toestemming om deze actie uit te voeren."


class Unauthenticated(DomainError):
    status = 401
    code = "not_authenticated"
    title = "Authenticatiegegevens zijn niet opgegeven of ongeldig."


class Gone(DomainError):
    status = 410
    code = "gone"
    title = "De resource is verwijderd."


class ValidationErrors:
    """Collects field errors so a rule check can report every problem at once."""

    def __init__(self) -> None:
        self.params: list[InvalidParam] = []

    def add(self, name: str, code: str, reason: str) -> None:
        self.params.append(InvalidParam(name, code, reason))

    def __bool__(self) -> bool:
        return bool(self.params)

    def raise_if_any(self) -> None:
        if self.params:
            raise ValidationFailed(params=self.params)


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition_failed"
    title = "Precondition failed"


class NotAcceptableCrs(DomainError):
    status = 406
    code = "not_acceptable"
    title = "CRS niet ondersteund."


class UnsupportedCrs(DomainError):
    status = 415
    code = "unsupported_media_type"
    title = "CRS niet ondersteund."
