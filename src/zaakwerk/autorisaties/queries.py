"""Read side of Autorisaties: who is calling and what may they see."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from zaakwerk.core.actor import Actor

from .models import Applicatie, Autorisatie, Grant


def actor_for_claims(claims, *, base_url: str, toelichting: str = "") -> Actor:
    """The Actor of an authenticated JWT: its Applicatie's scopes per component (None for
    heeftAlleAutorisaties; empty for a client without an Applicatie)."""
    client_id = claims.client_id
    applicatie = (
        Applicatie.objects.filter(client_ids__client_id=client_id).first() if client_id else None
    )
    scopes: dict[str, set[str]] | None = {}
    label = ""
    if applicatie is not None:
        label = applicatie.label
        if applicatie.heeft_alle_autorisaties:
            scopes = None
        else:
            for component, granted in Autorisatie.objects.filter(applicatie=applicatie).values_list(
                    "component", "scopes"):
                scopes.setdefault(component, set()).update(granted or [])
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
