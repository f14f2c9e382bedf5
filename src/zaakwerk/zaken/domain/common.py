"""What every Zaken rule module shares."""

from __future__ import annotations

from zaakwerk.core import sql
from zaakwerk.core.actor import Actor
from zaakwerk.core.db import locked_here, mark_locked
from zaakwerk.core.errors import Forbidden
from zaakwerk.core.events import record
from zaakwerk.core.fields import as_utc  # noqa: F401 - the zaken modules import it from here

from ..models import Zaak

COMPONENT = "zrc"
KANAAL = "zaken"
ROOT = "/zaken/api/v1"

SCOPE_LEZEN = "zaken.lezen"
SCOPE_AANMAKEN = "zaken.aanmaken"
SCOPE_BIJWERKEN = "zaken.bijwerken"
SCOPE_GEFORCEERD = "zaken.geforceerd-bijwerken"
SCOPE_STATUSSEN = "zaken.statussen.toevoegen"
SCOPE_HEROPENEN = "zaken.heropenen"
SCOPE_VERWIJDEREN = "zaken.verwijderen"

VERTROUWELIJKHEID = [
    "openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk",
    "vertrouwelijk", "confidentieel", "geheim", "zeer_geheim",
]
VERTROUWELIJKHEID_RANK = {v: i for i, v in enumerate(VERTROUWELIJKHEID)}


def url(base_url: str, collection: str, uuid) -> str:
    return f"{base_url}{ROOT}/{collection}/{uuid}"


def zaak_url(base_url: str, zaak: Zaak | object) -> str:
    return url(base_url, "zaken", zaak.pk if hasattr(zaak, "pk") else zaak)


def catalogi_url(base_url: str, collection: str, uuid) -> str:
    return f"{base_url}/catalogi/api/v1/{collection}/{uuid}"


def kenmerken(base_url: str, zaak: Zaak) -> dict:
    """The kenmerken of a notification on kanaal ``zaken``."""
    return {
        "bronorganisatie": zaak.bronorganisatie,
        "zaaktype": catalogi_url(base_url, "zaaktypen", zaak.zaaktype_id),
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
    }


def record_zaak_change(actor: Actor, *, zaak: Zaak, actie: str, resource: str, resource_url: str,
                       oud: dict | None, nieuw: dict | None, weergave: str = "",
                       resultaat: int | None = None, notify: bool = True) -> None:
    """One audit trail entry on the zaak (the main object) and one notification on ``zaken``."""
    record(
        actor, bron=COMPONENT, actie=actie, resource=resource, resource_url=resource_url,
        hoofd_object=zaak_url(actor.base_url, zaak), hoofd_object_uuid=zaak.pk, oud=oud, nieuw=nieuw,
        resource_weergave=weergave or str(zaak.identificatie),
        resultaat=resultaat if resultaat is not None else {"create": 201, "destroy": 204}.get(actie, 200),
        kanaal=KANAAL, kenmerken=kenmerken(actor.base_url, zaak), notify=notify,
    )


def ensure_open_or_forced(actor: Actor, zaak: Zaak) -> None:
    """zrc-007: once a zaak is closed (einddatum set), it and its related objects change only with
    zaken.geforceerd-bijwerken (for the zaak's zaaktype)."""
    if zaak.einddatum is None:
        return
    from zaakwerk.autorisaties.queries import may

    if not may(actor, COMPONENT, SCOPE_GEFORCEERD, zaak.zaaktype_id, zaak.vertrouwelijkheid_rank):
        raise Forbidden("De zaak is afgesloten: wijzigen vereist de scope zaken.geforceerd-bijwerken.",
                        code="permission_denied")


def lock_zaak(pk) -> Zaak | None:
    """The zaak read with a row lock (``SELECT ... FOR UPDATE``); None when it does not exist.
    Within a request the lock is remembered, so ``locked_zaak`` does not read it again."""
    zaak = sql.get_by_pk(Zaak, pk, for_update=True)
    mark_locked(zaak)
    return zaak


def locked_zaak(zaak: Zaak | object) -> Zaak:
    """The zaak with a row lock (re-read with ``SELECT ... FOR UPDATE`` unless this request's
    transaction read it so already) so a change to one of its related objects and a concurrent
    closing of the zaak see one state. 404 when it is gone."""
    from zaakwerk.core.errors import NotFound

    if isinstance(zaak, Zaak) and locked_here(zaak):
        return zaak
    fresh = lock_zaak(zaak.pk if hasattr(zaak, "pk") else zaak)
    if fresh is None:
        raise NotFound("De zaak bestaat niet (meer).")
    return fresh
