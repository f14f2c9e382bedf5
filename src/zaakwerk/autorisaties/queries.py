"""Read side of Autorisaties: who is calling and what may they see."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from zaakwerk.core.actor import Actor
from zaakwerk.core.models import ClientCredential

from .models import Applicatie, ApplicatieClientId, Autorisatie, Grant


@dataclass
class ClientAutorisaties:
    applicatie: Applicatie | None
    scopes: dict[str, set[str]] | None  # None: heeftAlleAutorisaties


def _client_sql() -> str:
    cc, ac, app, aut = (m._meta.db_table for m in (ClientCredential, ApplicatieClientId, Applicatie, Autorisatie))
    return (f"SELECT cc.secret, app.uuid, app.label, app.heeft_alle_autorisaties, "
            f"app.alleen_is_gereed_voor_publicatie, aut.component, aut.scopes "
            f"FROM {cc} cc LEFT JOIN {ac} ac ON ac.client_id = cc.client_id "
            f"LEFT JOIN {app} app ON app.uuid = ac.applicatie_id "
            f"LEFT JOIN {aut} aut ON aut.applicatie_id = app.uuid AND NOT app.heeft_alle_autorisaties "
            f"WHERE cc.client_id = %s")


def client_lookup(client_id: str) -> tuple[str, ClientAutorisaties] | None:
    """A client's secret and its Applicatie with the scopes per component, in ONE query (read
    every request, so a change in the Autorisaties takes effect immediately)."""
    with connection.cursor() as cursor:
        cursor.execute(_client_sql(), [client_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    secret, app_uuid, label, alle, alleen_gereed = rows[0][:5]
    if app_uuid is None:
        return secret, ClientAutorisaties(None, {})
    applicatie = Applicatie(uuid=app_uuid, label=label, heeft_alle_autorisaties=bool(alle),
                            alleen_is_gereed_voor_publicatie=bool(alleen_gereed))
    applicatie._state.adding = False
    applicatie._state.db = connection.alias
    if alle:
        return secret, ClientAutorisaties(applicatie, None)
    scopes: dict[str, set[str]] = {}
    for *_, component, granted in rows:
        if component is None:
            continue
        if isinstance(granted, str):  # SQLite answers JSON as text
            granted = json.loads(granted)
        scopes.setdefault(component, set()).update(granted or [])
    return secret, ClientAutorisaties(applicatie, scopes)


def actor_for_claims(claims, *, base_url: str, toelichting: str = "") -> Actor:
    """The Actor of an authenticated JWT: its Applicatie's scopes per component (None for
    heeftAlleAutorisaties; empty for a client without an Applicatie)."""
    client_id = claims.client_id
    found = claims.context if isinstance(claims.context, ClientAutorisaties) else None
    if found is None:  # authenticated without client_lookup
        looked_up = client_lookup(client_id) if client_id else None
        found = looked_up[1] if looked_up else ClientAutorisaties(None, {})
    applicatie, scopes = found.applicatie, found.scopes
    label = applicatie.label if applicatie is not None else ""
    return Actor(
        base_url=base_url,
        client_id=client_id,
        applicatie_label=label,
        user_id=str(claims.get("user_id") or "")[:255],
        user_representation=str(claims.get("user_representation") or "")[:255],
        toelichting=toelichting,
        scopes=scopes,
        applicatie=applicatie,
    )


def type_condition(actor: Actor, component: str, scope: str, type_ref: str, rank_ref: str | None):
    """ONE SQL condition restricting a queryset to objects whose type (the local type foreign key
    named by ``type_ref``, e.g. "zaaktype_id") the actor was granted ``scope`` on, with a
    vertrouwelijkheid rank (``rank_ref``) at most the granted maximum. heeftAlleAutorisaties: no
    restriction; no Applicatie: nothing."""
    if actor.scopes is None:
        return Q()
    if actor.applicatie is None:
        return Q(pk__in=[])
    grants = Grant.objects.filter(applicatie=actor.applicatie, component=component, scope=scope,
                                  type_uuid=OuterRef(type_ref))
    if rank_ref is not None:
        grants = grants.filter(max_vertrouwelijkheid_rank__gte=OuterRef(rank_ref))
    return Q(Exists(grants))


def may(actor: Actor, component: str, scopes, type_uuid, rank: int | None = None) -> bool:
    """The same rule for one object (detail endpoints): is one of ``scopes`` granted on this type?"""
    if actor.scopes is None:
        return True
    if actor.applicatie is None:
        return False
    if isinstance(scopes, str):
        scopes = [scopes]
    grants = Grant.objects.filter(applicatie=actor.applicatie, component=component, scope__in=scopes,
                                  type_uuid=type_uuid)
    if rank is not None:
        grants = grants.filter(max_vertrouwelijkheid_rank__gte=rank)
    return grants.exists()
