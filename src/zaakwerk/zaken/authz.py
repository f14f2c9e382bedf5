"""Who may see and do what in the Zaken register (zrc-006): per zaaktype and up to a maximum
vertrouwelijkheidaanduiding, from the client's Autorisaties. Lists use ONE SQL condition; a
detail outside the client's rights is 403."""

from __future__ import annotations

from django.db.models import Q

from zaakwerk.autorisaties.queries import may, type_condition
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import Forbidden

from .domain.common import COMPONENT
from .models import Zaak


def zaken_condition(actor: Actor, scope: str, prefix: str = "") -> Q:
    """The condition on zaken (``prefix`` "" for Zaak rows, "zaak__" for rows of a child such as
    Status) that limits them to what ``scope`` is granted on."""
    return type_condition(actor, COMPONENT, scope, f"{prefix}zaaktype_id", f"{prefix}vertrouwelijkheid_rank")


def authorise_zaak(actor: Actor, zaak: Zaak, *scopes: str) -> None:
    """403 unless one of ``scopes`` is granted on the zaak's zaaktype and vertrouwelijkheid."""
    if not may(actor, COMPONENT, list(scopes), zaak.zaaktype_id, zaak.vertrouwelijkheid_rank):
        raise Forbidden("U heeft geen toestemming voor deze zaak.", code="permission_denied")


def may_on_zaaktype(actor: Actor, zaaktype_id, rank: int, *scopes: str) -> bool:
    return may(actor, COMPONENT, list(scopes), zaaktype_id, rank)
