"""What every Documenten rule module shares: names, scopes, URLs, and recording a change on the
document (the main object: audit trail + notification on kanaal ``documenten``)."""

from __future__ import annotations

from zaakwerk.core.actor import Actor
from zaakwerk.core.events import record

from ..models import VERTROUWELIJKHEID, EnkelvoudigInformatieObject

COMPONENT = "drc"
KANAAL = "documenten"
ROOT = "/documenten/api/v1"
DOCUMENT_RESOURCE = "documenten.enkelvoudiginformatieobject"

SCOPE_LEZEN = "documenten.lezen"
SCOPE_AANMAKEN = "documenten.aanmaken"
SCOPE_BIJWERKEN = "documenten.bijwerken"
SCOPE_GEFORCEERD_BIJWERKEN = "documenten.geforceerd-bijwerken"
SCOPE_VERWIJDEREN = "documenten.verwijderen"
SCOPE_LOCK = "documenten.lock"
SCOPE_GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"

VERTROUWELIJKHEID_RANK = {v: i for i, v in enumerate(VERTROUWELIJKHEID)}
NON_FIELD = "nonFieldErrors"


def url(base_url: str, collection: str, uuid) -> str:
    return f"{base_url}{ROOT}/{collection}/{uuid}"


def document_url(base_url: str, document) -> str:
    return url(base_url, "enkelvoudiginformatieobjecten", getattr(document, "pk", document))


def iot_url(base_url: str, uuid) -> str:
    return f"{base_url}/catalogi/api/v1/informatieobjecttypen/{uuid}"


def kenmerken(base_url: str, document: EnkelvoudigInformatieObject) -> dict:
    """The kenmerken of a notification on kanaal ``documenten`` (as the document is now)."""
    versie = document.laatste_versie
    return {
        "bronorganisatie": document.bronorganisatie,
        "informatieobjecttype": iot_url(base_url, document.informatieobjecttype_id),
        "vertrouwelijkheidaanduiding": versie.vertrouwelijkheidaanduiding if versie is not None else "",
    }


def record_document_change(actor: Actor, *, document: EnkelvoudigInformatieObject, actie: str,
                           resource: str, resource_url: str, oud: dict | None, nieuw: dict | None,
                           weergave: str = "", resultaat: int | None = None, notify: bool = True) -> None:
    """One audit trail entry on the document (every change of the document or of a related object
    is logged on the document's trail) and, unless ``notify`` is False, one notification."""
    record(
        actor, bron=COMPONENT, actie=actie, resource=resource, resource_url=resource_url,
        hoofd_object=document_url(actor.base_url, document), hoofd_object_uuid=document.pk,
        oud=oud, nieuw=nieuw, resource_weergave=weergave or document.identificatie,
        resultaat=resultaat if resultaat is not None else {"create": 201, "destroy": 204}.get(actie, 200),
        kanaal=KANAAL, kenmerken=kenmerken(actor.base_url, document), notify=notify,
    )
