"""What every Besluiten rule module shares: scopes, URLs, and recording a change on the besluit
(the hoofdobject): one audit trail entry with the old and new representation and one notification
on kanaal ``besluiten``."""

from __future__ import annotations

from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import NotFound
from zaakwerk.core.events import record

from ..models import Besluit
from ..representation import besluit_url, besluiten_json, besluittype_url

COMPONENT = "brc"
KANAAL = "besluiten"
NON_FIELD = "nonFieldErrors"
IMMUTABLE = "wijzigen-niet-toegelaten"

SCOPE_LEZEN = "besluiten.lezen"
SCOPE_AANMAKEN = "besluiten.aanmaken"
SCOPE_BIJWERKEN = "besluiten.bijwerken"
SCOPE_VERWIJDEREN = "besluiten.verwijderen"

# registry keys (core.api.REGISTRY) of the resources of other registers a besluit refers to
ZAAK_RESOURCE = "zaken.zaak"
DOCUMENT_RESOURCE = "documenten.enkelvoudiginformatieobject"


def kenmerken(base_url: str, besluit: Besluit) -> dict:
    """The kenmerken of a notification on kanaal ``besluiten``, spelled as the Besluiten OAS and
    kanalen.yaml spell them (``verantwoordelijke_organisatie`` in snake_case)."""
    return {
        "verantwoordelijke_organisatie": besluit.verantwoordelijke_organisatie,
        "besluittype": besluittype_url(base_url, besluit.besluittype_id),
    }


def snapshot(actor: Actor, besluit: Besluit) -> dict:
    return besluiten_json([besluit], actor.base_url)[0]


def record_besluit_change(actor: Actor, *, besluit: Besluit, actie: str, resource: str, resource_url: str,
                          oud: dict | None, nieuw: dict | None, weergave: str = "", notify: bool = True) -> None:
    """One audit trail entry on the besluit and (``notify``) one notification on ``besluiten``."""
    record(
        actor, bron=COMPONENT, actie=actie, resource=resource, resource_url=resource_url,
        hoofd_object=besluit_url(actor.base_url, besluit.pk), hoofd_object_uuid=besluit.pk, oud=oud, nieuw=nieuw,
        resource_weergave=weergave or besluit.identificatie,
        resultaat={"create": 201, "destroy": 204}.get(actie, 200),
        kanaal=KANAAL, kenmerken=kenmerken(actor.base_url, besluit), notify=notify,
    )


def locked_besluit(besluit: Besluit | object) -> Besluit:
    """Re-read the besluit with a row lock, so changes to it and to its relations are written one
    after the other. 404 when it is gone."""
    pk = besluit.pk if hasattr(besluit, "pk") else besluit
    fresh = Besluit.objects.select_for_update().filter(pk=pk).first()
    if fresh is None:
        raise NotFound("Het besluit bestaat niet (meer).")
    return fresh
