"""HTTP mechanics shared by every API: problem+json errors, JSON responses, ETags and the
middleware that exempts API roots from Django's session CSRF protection (they use JWT)."""

from __future__ import annotations

import hashlib
import logging
import uuid

import msgspec
from django.http import HttpResponse

from .errors import DomainError, ValidationFailed

logger = logging.getLogger("zaakwerk.api")

_encoder = msgspec.json.Encoder()

PROBLEM_TITLES = {
    400: "Invalid input.",
    401: "Authenticatiegegevens zijn niet opgegeven of ongeldig.",
    403: "U heeft geen toestemming om deze actie uit te voeren.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Kon niet voldoen aan de opgegeven Accept header.",
    409: "Conflict.",
    410: "De resource is verwijderd.",
    412: "Precondition failed",
    413: "Request body te groot.",
    415: "Niet ondersteund mediatype in verzoek.",
    500: "Er is een serverfout opgetreden.",
}

API_ROOT_MARKER = "/api/v1"


class ApiCsrfExemptMiddleware:
    """API clients authenticate with a bearer JWT, never a session cookie: CSRF checks do not apply."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if API_ROOT_MARKER in request.path_info:
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)


def json_response(data, status: int = 200, headers: dict | None = None,
                  content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(_encoder.encode(data), status=status, content_type=content_type)
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def encode(data) -> bytes:
    return _encoder.encode(data)


def etag_for(body: bytes) -> str:
    return '"%s"' % hashlib.blake2b(body, digest_size=16).hexdigest()


def problem(status: int, code: str, detail: str, *, title: str | None = None,
            invalid_params: list[dict] | None = None, instance: str | None = None,
            request=None) -> HttpResponse:
    base = ""
    if request is not None:
        base = f"{request.scheme}://{request.get_host()}"
    data = {
        "type": f"{base}/ref/fouten/{code}/",
        "code": code,
        "title": title or PROBLEM_TITLES.get(status, "Fout."),
        "status": status,
        "detail": detail or title or PROBLEM_TITLES.get(status, "Fout."),
        "instance": instance or f"urn:uuid:{uuid.uuid4()}",
    }
    if invalid_params is not None or status == 400:
        data["invalidParams"] = invalid_params or []
    return json_response(data, status=status, content_type="application/problem+json")


def problem_from_error(error: DomainError, request=None) -> HttpResponse:
    if isinstance(error, ValidationFailed):
        params = [{"name": p.name, "code": p.code, "reason": p.reason} for p in error.params]
        detail = "; ".join(f"{p.name}: {p.reason}" for p in error.params) or error.detail
        return problem(400, "invalid", detail, invalid_params=params, request=request)
    return problem(error.status, error.code, error.detail, title=error.title, request=request)
