"""Support for the tests of rollen, zaakobjecten, zaakeigenschappen, the relations with other
registers and zaaknotities (imported by those modules; the few tests here check the support
itself).

- ``remote``: a tiny real HTTP server on 127.0.0.2 that plays the other registers (a Documenten
  API, a Besluiten API, the Contactmomenten/Verzoeken APIs, an Objects/Objecttypen API): a test
  puts JSON at a path and gets its URL back.
- ``make_zaak``: a zaak written directly in the database (the zaak resource is another subject).
- URL, autorisatie and response helpers.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.catalogi.models import Eigenschap, RolType
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import Zaak

from .conftest import BASE, ROOT
from .register_stub import RANKS, RegisterServer, make_zaak, remote  # noqa: F401 - shared, re-exported

pytestmark = pytest.mark.django_db

# ---- zaken, types and URLs ----------------------------------------------------------------------------


def close(zaak: Zaak) -> Zaak:
    """A closed zaak (einddatum set), which is what zrc-007 guards."""
    zaak.einddatum = dt.date(2024, 3, 10)
    zaak.save(update_fields=["einddatum"])
    return zaak


def zaak_url(zaak) -> str:
    return f"{BASE}{ROOT}/zaken/{zaak.pk}"


def catalogi_url(collection: str, obj) -> str:
    return f"{BASE}/catalogi/api/v1/{collection}/{obj.pk}"


def roltype(zaaktype, omschrijving: str = "Aanvrager") -> RolType:
    return RolType.objects.get(zaaktype=zaaktype, omschrijving=omschrijving)


def roltype_url(zaaktype, omschrijving: str = "Aanvrager") -> str:
    return catalogi_url("roltypen", roltype(zaaktype, omschrijving))


def eigenschap(zaaktype, naam: str = "kenteken") -> Eigenschap:
    return Eigenschap.objects.get(zaaktype=zaaktype, naam=naam)


def zrc(zaaktype, *scopes: str, maximum: str = "zeer_geheim") -> dict:
    """An Autorisatie for the Zaken API on one zaaktype."""
    return {"component": "zrc", "scopes": list(scopes), "zaaktype": catalogi_url("zaaktypen", zaaktype),
            "max_vertrouwelijkheidaanduiding": maximum}


def codes(response) -> list[tuple[str, str]]:
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


def trail(zaak) -> list[tuple[str, str]]:
    """(resource, actie) of the zaak's audit trail, oldest first."""
    return list(AuditTrail.objects.filter(hoofd_object_uuid=zaak.pk).order_by("aanmaakdatum", "pk")
                .values_list("resource", "actie"))


def notifications() -> list[tuple[str, str]]:
    """(resource, actie) of the notifications on kanaal zaken, oldest first."""
    return list(OutboxMessage.objects.filter(kanaal="zaken").order_by("pk").values_list("resource", "actie"))


def add_eigenschap(system, zaaktype, naam: str, formaat: str, lengte: str, *, kardinaliteit: str = "1",
                   waardenverzameling: list | None = None) -> Eigenschap:
    """An extra eigenschap on a (concept) zaaktype."""
    return catalogi.create_eigenschap(system, {
        "zaaktype": zaaktype, "naam": naam, "definitie": naam,
        "specificatie": {"formaat": formaat, "lengte": lengte, "kardinaliteit": kardinaliteit, "groep": "",
                         "waardenverzameling": waardenverzameling or []}})


# ---- the support itself ---------------------------------------------------------------------------------


def test_remote_serves_json_and_404(remote):
    url = remote.add("/x/1", {"a": 1})
    with urllib.request.urlopen(url, timeout=5) as response:
        assert json.loads(response.read()) == {"a": 1}
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(remote.base + "/elders", timeout=5)
    assert exc.value.code == 404


def test_make_zaak_writes_the_rank_of_its_vertrouwelijkheid(zaaktype):
    zaak = make_zaak(zaaktype, vertrouwelijkheidaanduiding="geheim")
    assert zaak.vertrouwelijkheid_rank == 6 and zaak.einddatum is None
    assert close(zaak).einddatum == dt.date(2024, 3, 10)


# ---- the standard's field sets ------------------------------------------------------------------------

_SPEC: dict = {}


def spec_properties(schema: str) -> list[str]:
    """The property names of a schema of the Zaken API 1.7.0 OAS (allOf parts merged)."""
    if not _SPEC:
        import yaml
        from django.conf import settings

        with open(settings.SPECS_DIR / "standaard/zaken/zrc/1.7.x/1.7.0/openapi.yaml") as fh:
            _SPEC.update(yaml.safe_load(fh)["components"]["schemas"])
    node = _SPEC[schema]
    names = list(node.get("properties", {}))
    for part in node.get("allOf", []):
        if "$ref" in part:
            names += [n for n in spec_properties(part["$ref"].rsplit("/", 1)[-1]) if n not in names]
        else:
            names += [n for n in part.get("properties", {}) if n not in names]
    return names


def test_spec_properties_reads_the_oas():
    assert spec_properties("natuurlijk_persoon_Rol")[-1] == "betrokkeneIdentificatie"
    assert "objectIdentificatie" in spec_properties("pand_ZaakObject")
