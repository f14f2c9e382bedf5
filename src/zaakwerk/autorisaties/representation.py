"""The wire representation of Applicaties (Autorisaties API 1.1.0), built in bulk."""

from __future__ import annotations

from django.db.models import prefetch_related_objects

from .models import COMPONENTEN, Applicatie


def represent_applicaties(applicaties: list[Applicatie], base_url: str) -> list[dict]:
    prefetch_related_objects(applicaties, "client_ids", "autorisaties")
    out = []
    for app in applicaties:
        autorisaties = []
        for a in app.autorisaties.all():
            item = {
                "component": a.component,
                "componentWeergave": COMPONENTEN.get(a.component, a.component),
                "scopes": a.scopes,
            }
            if a.component == "zrc":
                item["zaaktype"] = a.zaaktype
                item["maxVertrouwelijkheidaanduiding"] = a.max_vertrouwelijkheidaanduiding
            elif a.component == "drc":
                item["informatieobjecttype"] = a.informatieobjecttype
                item["maxVertrouwelijkheidaanduiding"] = a.max_vertrouwelijkheidaanduiding
            elif a.component == "brc":
                item["besluittype"] = a.besluittype
            autorisaties.append(item)
        out.append({
            "url": f"{base_url}/autorisaties/api/v1/applicaties/{app.uuid}",
            "clientIds": [c.client_id for c in app.client_ids.all()],
            "label": app.label,
            "heeftAlleAutorisaties": app.heeft_alle_autorisaties,
            "alleenIsGereedVoorPublicatie": app.alleen_is_gereed_voor_publicatie,
            "autorisaties": autorisaties,
        })
    return out
