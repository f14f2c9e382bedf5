"""Who may see and do what in the Documenten register: per informatieobjecttype and up to a maximum
vertrouwelijkheidaanduiding, from the client's Autorisaties (component ``drc``); an Applicatie with
``alleenIsGereedVoorPublicatie`` (Autorisaties 1.1.0) only sees documents whose
``isGereedVoorPublicatie`` is true. Lists use ONE SQL condition; a detail outside the client's
rights is 403."""

from __future__ import annotations

from django.db.models import Q

from zaakwerk.autorisaties.queries import may, type_condition
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import Forbidden

from .domain.common import COMPONENT
from .models import EnkelvoudigInformatieObject


def alleen_gereed_voor_publicatie(actor: Actor) -> bool:
    return bool(getattr(actor.applicatie, "alleen_is_gereed_voor_publicatie", False))


def documenten_condition(actor: Actor, scopes, prefix: str = "") -> Q:
    """The condition on documents (``prefix`` "" for documents, "informatieobject__" for rows that
    belong to one) limiting them to what one of ``scopes`` is granted on."""
    if isinstance(scopes, str):
        scopes = [scopes]
    condition = None
    for scope in scopes:
        part = type_condition(actor, COMPONENT, scope, f"{prefix}informatieobjecttype_id",
                              f"{prefix}vertrouwelijkheid_rank")
        condition = part if condition is None else condition | part
    condition = condition if condition is not None else Q()
    if alleen_gereed_voor_publicatie(actor):
        condition &= Q(**{f"{prefix}is_gereed_voor_publicatie": True})
    return condition


def authorise_document(actor: Actor, document: EnkelvoudigInformatieObject, *scopes: str) -> None:
    """403 unless one of ``scopes`` is granted on the document's type and vertrouwelijkheid."""
    if not may(actor, COMPONENT, list(scopes), document.informatieobjecttype_id, document.vertrouwelijkheid_rank):
        raise Forbidden("U heeft geen toestemming voor dit informatieobject.", code="permission_denied")
    if alleen_gereed_voor_publicatie(actor) and document.is_gereed_voor_publicatie is not True:
        raise Forbidden("U heeft alleen toegang tot informatieobjecten die gereed zijn voor publicatie.",
                        code="permission_denied")
