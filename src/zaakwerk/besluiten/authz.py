"""Who may see and do what in the Besluiten register: per besluittype, from the client's
Autorisaties (component ``brc``; besluiten have no vertrouwelijkheidaanduiding). Lists use ONE SQL
condition; a detail outside the client's rights is 403."""

from __future__ import annotations

from django.db.models import Q

from zaakwerk.autorisaties.queries import may, type_condition
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import Forbidden

from .domain.common import COMPONENT


def besluiten_condition(actor: Actor, scope: str, prefix: str = "") -> Q:
    """The condition on besluiten (``prefix`` "" for Besluit rows, "besluit__" for rows that
    belong to a besluit) that limits them to the besluittypen ``scope`` is granted on."""
    return type_condition(actor, COMPONENT, scope, f"{prefix}besluittype_id", None)


def may_on_besluittype(actor: Actor, besluittype_id, *scopes: str) -> bool:
    return may(actor, COMPONENT, list(scopes), besluittype_id)


def authorise_besluittype(actor: Actor, besluittype_id, *scopes: str) -> None:
    """403 unless one of ``scopes`` is granted on this besluittype."""
    if not may_on_besluittype(actor, besluittype_id, *scopes):
        raise Forbidden("U heeft geen toestemming voor besluiten van dit besluittype.", code="permission_denied")
