"""Recording a change: one audit trail entry and (where the resource has a kanaal) one outbox
message, both in the caller's transaction. Domain functions call ``record`` after each write."""

from __future__ import annotations

import dataclasses

from django.utils import timezone

from . import sql
from .actor import Actor
from .models import AuditTrail, OutboxMessage

ACTIE_WEERGAVE = {
    "create": "Object aangemaakt",
    "update": "Object bijgewerkt",
    "partial_update": "Object deels bijgewerkt",
    "destroy": "Object verwijderd",
    "publish": "Object gepubliceerd",
}


BULKIMPORT = "Bulkimport"


def bulk_import_actor(actor: Actor) -> Actor:
    """The actor of a bulk import (``zaken.domain.bulk``, ``documenten.domain.bulk``): its audit
    entries say so in their toelichting (with the actor's own toelichting after it)."""
    if actor.toelichting.startswith(BULKIMPORT):
        return actor
    return dataclasses.replace(actor, toelichting=f"{BULKIMPORT}: {actor.toelichting}" if actor.toelichting
                               else BULKIMPORT)


def audit_entry(actor: Actor, *, bron: str, actie: str, resource: str, resource_url: str,
                hoofd_object: str, hoofd_object_uuid=None, oud=None, nieuw=None,
                resource_weergave: str = "", resultaat: int = 200) -> AuditTrail:
    """The audit trail entry of a change, not yet saved (``record`` saves it; the bulk paths
    collect many and insert them with ``bulk_create``)."""
    return AuditTrail(
        bron=bron,
        applicatie_id=actor.client_id[:100],
        applicatie_weergave=actor.applicatie_label[:200],
        gebruikers_id=actor.user_id[:255],
        gebruikers_weergave=actor.user_representation[:255],
        actie=actie,
        actie_weergave=ACTIE_WEERGAVE.get(actie, actie),
        resultaat=resultaat,
        hoofd_object=hoofd_object,
        hoofd_object_uuid=hoofd_object_uuid,
        resource=resource,
        resource_url=resource_url,
        toelichting=actor.toelichting,
        resource_weergave=(resource_weergave or "")[:200],
        oud=oud,
        nieuw=nieuw,
    )


def record(actor: Actor, *, bron: str, actie: str, resource: str, resource_url: str,
           hoofd_object: str, hoofd_object_uuid=None, oud=None, nieuw=None,
           resource_weergave: str = "", resultaat: int = 200, kanaal: str | None = None,
           kenmerken: dict | None = None, notify: bool = True) -> None:
    now = timezone.now()
    sql.insert(audit_entry(actor, bron=bron, actie=actie, resource=resource, resource_url=resource_url,
                           hoofd_object=hoofd_object, hoofd_object_uuid=hoofd_object_uuid, oud=oud, nieuw=nieuw,
                           resource_weergave=resource_weergave, resultaat=resultaat))
    if kanaal and notify:
        sql.insert(OutboxMessage(
            kanaal=kanaal,
            hoofd_object=hoofd_object,
            resource=resource,
            resource_url=resource_url,
            actie=actie,
            aanmaakdatum=now,
            kenmerken=kenmerken or {},
        ))
