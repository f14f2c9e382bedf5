"""Rules for Applicaties and their Autorisaties (ac-001..003) and the only place they are written."""

from __future__ import annotations

from django.db import transaction

from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import ValidationErrors
from zaakwerk.core.events import record
from zaakwerk.core.references import is_valid_url

from .models import (COMPONENTEN, VERTROUWELIJKHEID, VERTROUWELIJKHEID_RANK, Applicatie,
                     ApplicatieClientId, Autorisatie, Grant)

# scopes that are granted per type: the component's autorisatie must name the type and (for zrc
# and drc) the maximum vertrouwelijkheidaanduiding (ac-003)
TYPE_FIELD = {"zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"}
SCOPE_PREFIX = {"zrc": "zaken.", "drc": "documenten.", "brc": "besluiten."}
NEEDS_MAX_VERTROUWELIJKHEID = {"zrc", "drc"}


def _url(actor: Actor, applicatie: Applicatie) -> str:
    return f"{actor.base_url}/autorisaties/api/v1/applicaties/{applicatie.uuid}"


def snapshot(applicatie: Applicatie, base_url: str) -> dict:
    from .representation import represent_applicaties

    return represent_applicaties([applicatie], base_url)[0]


def _validate(data: dict, instance: Applicatie | None) -> None:
    errors = ValidationErrors()
    client_ids = data.get("client_ids", [])
    if len(set(client_ids)) != len(client_ids):
        errors.add("clientIds", "unique", "Een client ID mag maar één keer voorkomen.")
    taken = ApplicatieClientId.objects.filter(client_id__in=client_ids)
    if instance is not None:
        taken = taken.exclude(applicatie=instance)
    if taken.exists():
        # ac-001: a client_id identifies exactly one applicatie
        used = ", ".join(sorted(taken.values_list("client_id", flat=True)))
        errors.add("clientIds", "clientId-exists",
                   f"De client ID(s) {used} worden al gebruikt door een andere applicatie.")
    autorisaties = data.get("autorisaties", [])
    alle = data.get("heeft_alle_autorisaties", False)
    # ac-002: autorisaties OR heeftAlleAutorisaties, never both, never neither
    if alle and autorisaties:
        errors.add("nonFieldErrors", "ambiguous-authorizations-specified",
                   "Geef óf heeftAlleAutorisaties óf expliciete autorisaties op, niet beide.")
    if not alle and not autorisaties:
        errors.add("nonFieldErrors", "missing-authorizations",
                   "Geef heeftAlleAutorisaties of ten minste één autorisatie op.")
    # ac-003: required fields per component
    for index, autorisatie in enumerate(autorisaties):
        component = autorisatie["component"]
        prefix = f"autorisaties.{index}"
        if component not in COMPONENTEN:
            errors.add(f"{prefix}.component", "invalid_choice", f"'{component}' is geen geldige component.")
            continue
        scopes = autorisatie.get("scopes", [])
        type_field = TYPE_FIELD.get(component)
        relevant = type_field and any(s.startswith(SCOPE_PREFIX[component]) for s in scopes)
        type_value = autorisatie.get(type_field, "") if type_field else ""
        if relevant and not type_value:
            errors.add(f"{prefix}.{type_field}", "required", "Dit veld is vereist voor deze scopes.")
        if type_value and not is_valid_url(type_value):
            errors.add(f"{prefix}.{type_field}", "invalid", "Voer een geldige URL in.")
        mva = autorisatie.get("max_vertrouwelijkheidaanduiding", "")
        if relevant and component in NEEDS_MAX_VERTROUWELIJKHEID and not mva:
            errors.add(f"{prefix}.maxVertrouwelijkheidaanduiding", "required",
                       "Dit veld is vereist voor deze scopes.")
        if mva and mva not in VERTROUWELIJKHEID:
            errors.add(f"{prefix}.maxVertrouwelijkheidaanduiding", "invalid_choice",
                       f"'{mva}' is geen geldige vertrouwelijkheidaanduiding.")
    errors.raise_if_any()


def _write_children(applicatie: Applicatie, data: dict) -> None:
    if "client_ids" in data:
        applicatie.client_ids.all().delete()
        ApplicatieClientId.objects.bulk_create([
            ApplicatieClientId(applicatie=applicatie, client_id=c, position=i)
            for i, c in enumerate(data["client_ids"])
        ])
    if "autorisaties" in data:
        applicatie.autorisaties.all().delete()
        rows = []
        for i, a in enumerate(data["autorisaties"]):
            type_field = TYPE_FIELD.get(a["component"])
            rows.append(Autorisatie(
                applicatie=applicatie, position=i, component=a["component"],
                scopes=list(dict.fromkeys(a.get("scopes", []))),
                zaaktype=a.get("zaaktype", "") if type_field == "zaaktype" else "",
                informatieobjecttype=a.get("informatieobjecttype", "") if type_field == "informatieobjecttype" else "",
                besluittype=a.get("besluittype", "") if type_field == "besluittype" else "",
                max_vertrouwelijkheidaanduiding=a.get("max_vertrouwelijkheidaanduiding", "") or "",
            ))
        Autorisatie.objects.bulk_create(rows)
        _rebuild_grants(applicatie, rows)


def _rebuild_grants(applicatie: Applicatie, autorisaties: list[Autorisatie]) -> None:
    applicatie.grants.all().delete()
    grants = []
    top = len(VERTROUWELIJKHEID) - 1
    for a in autorisaties:
        type_url = a.zaaktype or a.informatieobjecttype or a.besluittype
        type_uuid = _local_type_uuid(type_url) if type_url else None
        rank = VERTROUWELIJKHEID_RANK.get(a.max_vertrouwelijkheidaanduiding, top)
        for scope in a.scopes:
            grants.append(Grant(applicatie=applicatie, component=a.component, scope=scope,
                                type_url=type_url, type_uuid=type_uuid, max_vertrouwelijkheid_rank=rank))
    Grant.objects.bulk_create(grants)


def _local_type_uuid(url: str):
    """The uuid of the local catalogus type a URL names, or None for a foreign or unknown URL."""
    from zaakwerk.core.references import resolve_local

    match = resolve_local(url)
    return match.kwargs.get("uuid") if match is not None else None


def create_applicatie(actor: Actor, data: dict) -> Applicatie:
    data = {"heeft_alle_autorisaties": False, "autorisaties": [],
            "alleen_is_gereed_voor_publicatie": False, **data}
    _validate(data, None)
    with transaction.atomic(savepoint=False):
        applicatie = Applicatie.objects.create(
            label=data["label"],
            heeft_alle_autorisaties=data["heeft_alle_autorisaties"],
            alleen_is_gereed_voor_publicatie=data["alleen_is_gereed_voor_publicatie"],
        )
        _write_children(applicatie, data)
        url = _url(actor, applicatie)
        record(actor, bron="ac", actie="create", resource="applicatie", resource_url=url,
               hoofd_object=url, hoofd_object_uuid=applicatie.uuid, resultaat=201,
               nieuw=snapshot(applicatie, actor.base_url), resource_weergave=applicatie.label,
               kanaal="autorisaties")
    return applicatie


def update_applicatie(actor: Actor, applicatie: Applicatie, data: dict, *, partial: bool) -> Applicatie:
    old = snapshot(applicatie, actor.base_url)
    current = {
        "client_ids": list(applicatie.client_ids.values_list("client_id", flat=True)),
        "label": applicatie.label,
        "heeft_alle_autorisaties": applicatie.heeft_alle_autorisaties,
        "alleen_is_gereed_voor_publicatie": applicatie.alleen_is_gereed_voor_publicatie,
        "autorisaties": [
            {"component": a.component, "scopes": a.scopes, "zaaktype": a.zaaktype,
             "informatieobjecttype": a.informatieobjecttype, "besluittype": a.besluittype,
             "max_vertrouwelijkheidaanduiding": a.max_vertrouwelijkheidaanduiding}
            for a in applicatie.autorisaties.all()
        ],
    }
    if partial:
        merged = {**current, **data}
    else:
        merged = {"heeft_alle_autorisaties": False, "autorisaties": [],
                  "alleen_is_gereed_voor_publicatie": False, **data}
    # a PATCH that switches to explicit autorisaties implicitly drops heeftAlleAutorisaties
    if partial and data.get("autorisaties") and "heeft_alle_autorisaties" not in data:
        merged["heeft_alle_autorisaties"] = False
    _validate(merged, applicatie)
    with transaction.atomic(savepoint=False):
        applicatie.label = merged["label"]
        applicatie.heeft_alle_autorisaties = merged["heeft_alle_autorisaties"]
        applicatie.alleen_is_gereed_voor_publicatie = merged["alleen_is_gereed_voor_publicatie"]
        applicatie.save()
        _write_children(applicatie, merged)
        url = _url(actor, applicatie)
        record(actor, bron="ac", actie="partial_update" if partial else "update", resource="applicatie",
               resource_url=url, hoofd_object=url, hoofd_object_uuid=applicatie.uuid, oud=old,
               nieuw=snapshot(applicatie, actor.base_url), resource_weergave=applicatie.label,
               kanaal="autorisaties")
    return applicatie


def delete_applicatie(actor: Actor, applicatie: Applicatie) -> None:
    """Deleting an Applicatie never deletes the JWT secrets of its client IDs."""
    old = snapshot(applicatie, actor.base_url)
    url = _url(actor, applicatie)
    with transaction.atomic(savepoint=False):
        applicatie.delete()
        record(actor, bron="ac", actie="destroy", resource="applicatie", resource_url=url,
               hoofd_object=url, resultaat=204, oud=old, resource_weergave=old["label"],
               kanaal="autorisaties")
