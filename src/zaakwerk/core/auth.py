"""JWT-ZGW authentication: HS256 tokens signed with a shared secret per client_id.

The token carries identity only (client_id, user_id, user_representation), no scopes: what a
client may do comes from its Applicatie in the Autorisaties data, read on every request so a
change there takes effect immediately."""

from __future__ import annotations

import time
import warnings
from typing import Any, Callable

import jwt
from django.conf import settings

from .errors import Unauthenticated
from .models import ClientCredential


class Claims(dict):
    # what the credential lookup found beside the secret (see ``authenticate``)
    context: Any = None

    @property
    def client_id(self) -> str:
        return str(self.get("client_id") or "")


def _bad(detail: str) -> Unauthenticated:
    return Unauthenticated(detail, code="not_authenticated")


def _secret_only(client_id: str) -> tuple[str, None] | None:
    secret = ClientCredential.objects.filter(client_id=client_id).values_list("secret", flat=True).first()
    return None if secret is None else (secret, None)


# Clients send the same token with many requests: what parsing and verifying it found is kept
# (keyed by token, and by token + the client's current secret), so a request pays for neither
# again. Once verified, a token only stops being valid when it expires (iat and nbf only become
# "more valid" as time goes on), which is checked on every request. Bounded: emptied when full.
_CACHE_SIZE = 4096
_PARSED: dict[str, tuple] = {}
_VERIFIED: dict[tuple[str, str], dict] = {}


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = value


def _verify(token: str, secret: str) -> dict:
    try:
        with warnings.catch_warnings():
            # short shared secrets are the standard's own examples; do not spam the logs
            warnings.simplefilter("ignore")
            return jwt.decode(
                token,
                secret,
                algorithms=["HS256"],
                leeway=settings.ZAAKWERK_JWT_LEEWAY,
                options={"require": ["iat"], "verify_aud": False},
            )
    except jwt.ImmatureSignatureError:
        raise _bad("Het JWT is uitgegeven in de toekomst (iat).") from None
    except jwt.ExpiredSignatureError:
        raise _bad("Het JWT is verlopen.") from None
    except jwt.MissingRequiredClaimError:
        raise _bad("Het JWT mist de claim 'iat'.") from None
    except jwt.PyJWTError:
        raise _bad("De handtekening van het JWT is ongeldig.") from None


def authenticate(authorization: str | None,
                 lookup: Callable[[str], tuple[str, Any] | None] | None = None) -> Claims:
    """Decode and verify an ``Authorization: Bearer <JWT>`` header value. ``lookup(client_id)``
    gives the client's secret and whatever else the caller wants read in the same query (the
    Autorisaties: one database round trip per request); the second item ends up in
    ``Claims.context``."""
    if not authorization:
        raise _bad("Authenticatiegegevens zijn niet opgegeven.")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise _bad("Ongeldige Authorization header: verwacht 'Bearer <JWT>'.")
    parsed = _PARSED.get(token)
    if parsed is None:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise _bad("Het JWT is niet leesbaar.") from None
        parsed = (header.get("alg"), unverified.get("client_id"))
        _remember(_PARSED, token, parsed)
    alg, client_id = parsed
    if alg != "HS256":
        raise _bad("Het JWT moet met HS256 ondertekend zijn.")
    if not isinstance(client_id, str) or not client_id:
        raise _bad("Het JWT bevat geen client_id.")
    found = (lookup or _secret_only)(client_id)
    if found is None:
        raise _bad("Onbekende client_id.")
    secret, context = found
    payload = _VERIFIED.get((token, secret))
    if payload is None:
        payload = _verify(token, secret)
        _remember(_VERIFIED, (token, secret), payload)
    elif "exp" in payload and time.time() > payload["exp"] + settings.ZAAKWERK_JWT_LEEWAY:
        raise _bad("Het JWT is verlopen.")
    claims = Claims(payload)
    claims.context = context
    return claims
