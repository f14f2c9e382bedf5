"""The besluit resource on the wire: representation as the 1.1.0 schema has it, PUT/PATCH
semantics, every list filter, pagination, expand, the audit trail endpoints and the notifications
on kanaal ``besluiten``."""

from __future__ import annotations

import pytest
import yaml
from django.conf import settings

from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.models import OutboxMessage

from ..conftest import BASE
from ..zaken.test_relaties_support import make_zaak
from .conftest import (BESLUITEN, ROOT, besluit_body, besluittype_url, codes, make_besluittype, notifications,
                       trail, uuid_of, zaak_url)

pytestmark = pytest.mark.django_db

_SCHEMAS: dict = {}


def schema(name: str) -> dict:
    if not _SCHEMAS:
        with open(settings.SPECS_DIR / "standaard/besluiten/brc/1.1.0/openapi.yaml") as fh:
            _SCHEMAS.update(yaml.safe_load(fh)["components"]["schemas"])
    return _SCHEMAS[name]


def test_representation_follows_the_besluit_schema(api, besluittype, zaak):
    body = besluit_body(besluittype, zaak=zaak_url(zaak), identificatie="B-1", toelichting="Toegekend",
                        bestuursorgaan="College van B&W", vervaldatum="2025-03-02", vervalreden="tijdelijk",
                        publicatiedatum="2024-03-05", verzenddatum="2024-03-04", uiterlijkeReactiedatum="2024-04-15",
                        url="genegeerd", vervalredenWeergave="genegeerd", onbekend="genegeerd")
    created = api.post(BESLUITEN, body).json()
    besluit = Besluit.objects.get()
    assert created == {
        "url": f"{BASE}{ROOT}/besluiten/{besluit.pk}",
        "identificatie": "B-1",
        "verantwoordelijkeOrganisatie": "517439943",
        "besluittype": besluittype_url(besluittype),
        "zaak": zaak_url(zaak),
        "datum": "2024-03-01",
        "toelichting": "Toegekend",
        "bestuursorgaan": "College van B&W",
        "ingangsdatum": "2024-03-02",
        "vervaldatum": "2025-03-02",
        "vervalreden": "tijdelijk",
        "vervalredenWeergave": "Besluit met tijdelijke werking",
        "publicatiedatum": "2024-03-05",
        "verzenddatum": "2024-03-04",
        "uiterlijkeReactiedatum": "2024-04-15",
    }
    assert list(created) == list(schema("Besluit")["properties"])  # every property, in the schema's order
    assert api.get(created["url"]).json() == created


def test_optional_values_the_schema_does_not_allow_empty_are_left_out(api, besluittype):
    created = api.post(BESLUITEN, besluit_body(besluittype)).json()
    # zaak (format uri) and vervalreden (an enum without ""): absent, not ""
    assert "zaak" not in created and "vervalreden" not in created and "vervalredenWeergave" not in created
    assert created["vervaldatum"] is None and created["uiterlijkeReactiedatum"] is None
    assert created["toelichting"] == "" and created["bestuursorgaan"] == ""


def test_put_keeps_left_out_optional_fields_and_patch_changes_only_what_is_sent(api, besluittype):
    body = besluit_body(besluittype, toelichting="eerst", vervaldatum="2025-01-01", vervalreden="tijdelijk")
    url = api.post(BESLUITEN, body).json()["url"]
    put = api.put(url, besluit_body(besluittype, ingangsdatum="2024-03-10")).json()
    assert (put["ingangsdatum"], put["toelichting"], put["vervaldatum"], put["vervalreden"]) == \
        ("2024-03-10", "eerst", "2025-01-01", "tijdelijk")
    patched = api.patch(url, {"vervaldatum": None, "vervalreden": "", "verzenddatum": "2024-03-11"}).json()
    assert patched["vervaldatum"] is None and "vervalreden" not in patched
    assert patched["verzenddatum"] == "2024-03-11" and patched["ingangsdatum"] == "2024-03-10"
    # vervalreden null is "no vervalreden" too
    api.patch(url, {"vervalreden": "ingetrokken_overheid"})
    assert "vervalreden" not in api.patch(url, {"vervalreden": None}).json()


def test_http_caching_and_the_openapi_document(api, besluittype):
    url = api.post(BESLUITEN, besluit_body(besluittype)).json()["url"]
    get = api.get(url)
    head = api.head(url)
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == get["ETag"]
    assert api.get(url, headers={"If-None-Match": get["ETag"]}).status_code == 304
    api.patch(url, {"toelichting": "anders"})
    assert api.get(url, headers={"If-None-Match": get["ETag"]}).status_code == 200
    document = api.get(f"{ROOT}/openapi.yaml")
    assert document.status_code == 200 and b"title: Besluiten API" in document.content


def test_methods_not_in_the_standard_are_405(api, besluittype):
    url = api.post(BESLUITEN, besluit_body(besluittype)).json()["url"]
    assert api.put(BESLUITEN, besluit_body(besluittype)).status_code == 405
    assert api.post(url, besluit_body(besluittype)).status_code == 405
    assert api.get(f"{ROOT}/besluiten/00000000-0000-4000-8000-000000000000").status_code == 404


# ---- list: filters and pagination -------------------------------------------------------------------


@pytest.fixture
def besluiten(api, system, catalogus, besluittype, zaaktype, remote):
    other_type = make_besluittype(system, catalogus, "Vergunning geweigerd")
    zaak = make_zaak(zaaktype)
    foreign = remote.add("/zaken/api/v1/zaken/7", {"url": "x", "bronorganisatie": "000000000",
                                                   "zaaktype": f"{BASE}/catalogi/api/v1/zaaktypen/{zaaktype.pk}"})
    made = {
        "a": api.post(BESLUITEN, besluit_body(besluittype, identificatie="A", zaak=zaak_url(zaak))).json(),
        "b": api.post(BESLUITEN, besluit_body(besluittype, identificatie="B", verantwoordelijkeOrganisatie="000000000",
                                              zaak=foreign)).json(),
        "c": api.post(BESLUITEN, besluit_body(other_type, identificatie="C")).json(),
    }
    return made, {"zaak": zaak, "foreign": foreign, "other_type": other_type}


def urls(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(item["identificatie"] for item in response.json()["results"])


def test_every_filter_of_the_standard(api, besluiten, besluittype):
    _, refs = besluiten
    assert urls(api.get(BESLUITEN)) == ["A", "B", "C"]
    assert urls(api.get(BESLUITEN, {"identificatie": "B"})) == ["B"]
    assert urls(api.get(BESLUITEN, {"verantwoordelijkeOrganisatie": "517439943"})) == ["A", "C"]
    assert urls(api.get(BESLUITEN, {"besluittype": besluittype_url(besluittype)})) == ["A", "B"]
    assert urls(api.get(BESLUITEN, {"besluittype": besluittype_url(refs["other_type"])})) == ["C"]
    assert urls(api.get(BESLUITEN, {"besluittype": "https://elders.example/besluittypen/1"})) == []
    assert urls(api.get(BESLUITEN, {"zaak": zaak_url(refs["zaak"])})) == ["A"]
    assert urls(api.get(BESLUITEN, {"zaak": refs["foreign"]})) == ["B"]
    assert urls(api.get(BESLUITEN, {"zaak": f"{BASE}/zaken/api/v1/zaken/onbekend"})) == []
    # all together, as the conformance suite sends them
    assert urls(api.get(BESLUITEN, {"identificatie": "A", "verantwoordelijkeOrganisatie": "517439943",
                                    "besluittype": besluittype_url(besluittype), "zaak": zaak_url(refs["zaak"]),
                                    "page": "1"})) == ["A"]


@pytest.mark.parametrize("params, name", [
    ({"besluittype": "geen-url"}, "besluittype"),
    ({"zaak": "geen-url"}, "zaak"),
    ({"onbekend": "x"}, "nonFieldErrors"),
    ({"ordering": "datum"}, "nonFieldErrors"),
    ({"page": "0"}, "page"),
])
def test_bad_filters_are_400(api, besluiten, params, name):
    assert codes(api.get(BESLUITEN, params))[0][0] == name


def test_pagination(api, besluittype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 2
    for n in range(5):
        api.post(BESLUITEN, besluit_body(besluittype, identificatie=f"B-{n}"))
    first = api.get(BESLUITEN).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["previous"] is None
    assert first["next"] == f"{BASE}{BESLUITEN}?page=2"
    seen = [b["identificatie"] for b in first["results"]]
    page = api.get(BESLUITEN, {"page": 2}).json()
    seen += [b["identificatie"] for b in page["results"]]
    last = api.get(BESLUITEN, {"page": 3}).json()
    seen += [b["identificatie"] for b in last["results"]]
    assert last["next"] is None and last["previous"] == f"{BASE}{BESLUITEN}?page=2"
    assert sorted(seen) == [f"B-{n}" for n in range(5)]
    assert api.get(BESLUITEN, {"page": 9}).json()["results"] == []


# ---- expand -----------------------------------------------------------------------------------------


def test_expand_besluittype_and_zaak(api, besluiten, besluittype):
    made, refs = besluiten
    detail = api.get(made["a"]["url"], {"expand": "besluittype,zaak"}).json()
    assert detail["_expand"]["besluittype"]["url"] == besluittype_url(besluittype)
    assert detail["_expand"]["zaak"]["url"] == zaak_url(refs["zaak"])
    nested = api.get(made["a"]["url"], {"expand": "besluittype.catalogus,zaak.zaaktype"}).json()["_expand"]
    assert nested["besluittype"]["_expand"]["catalogus"]["url"] == nested["besluittype"]["catalogus"]
    assert nested["zaak"]["_expand"]["zaaktype"]["url"] == nested["zaak"]["zaaktype"]
    listed = {b["identificatie"]: b for b in api.get(BESLUITEN, {"expand": "zaak"}).json()["results"]}
    assert listed["A"]["_expand"]["zaak"]["url"] == zaak_url(refs["zaak"])
    assert listed["C"]["_expand"]["zaak"] is None  # no zaak
    assert "zaak" not in listed["B"]["_expand"]  # a foreign zaak is not expanded


def test_unknown_expand_is_400_on_a_list_and_404_on_a_detail(api, besluiten):
    made, _ = besluiten
    assert codes(api.get(BESLUITEN, {"expand": "informatieobjecten"}))[0] == ("expand", "invalid-expand")
    assert api.get(made["a"]["url"], {"expand": "besluittype.onbekend"}).status_code == 404


# ---- audit trail and notifications ------------------------------------------------------------------


def test_audit_trail_of_every_write(api, besluittype):
    body = besluit_body(besluittype)
    created = api.post(BESLUITEN, body, headers={"X-Audit-Toelichting": "nieuw besluit"}).json()
    api.put(created["url"], {**body, "toelichting": "put"})
    api.patch(created["url"], {"toelichting": "patch"})
    entries = api.get(created["url"] + "/audittrail").json()
    assert [(e["actie"], e["resultaat"]) for e in entries] == [("create", 201), ("update", 200),
                                                              ("partial_update", 200)]
    assert all(e["bron"] == "brc" and e["hoofdObject"] == created["url"] and e["resource"] == "besluit"
               for e in entries)
    assert entries[0]["toelichting"] == "nieuw besluit"
    assert entries[0]["wijzigingen"] == {"nieuw": created}
    assert entries[2]["wijzigingen"]["oud"]["toelichting"] == "put"
    assert entries[2]["wijzigingen"]["nieuw"]["toelichting"] == "patch"
    assert entries[0]["resourceWeergave"] == created["identificatie"]
    one = api.get(f"{created['url']}/audittrail/{entries[1]['uuid']}")
    assert one.status_code == 200 and one.json() == entries[1]
    assert api.get(f"{created['url']}/audittrail/00000000-0000-4000-8000-000000000000").status_code == 404
    assert api.get(f"{ROOT}/besluiten/00000000-0000-4000-8000-000000000000/audittrail").status_code == 404


def test_notifications_on_kanaal_besluiten_with_their_kenmerken(api, besluittype):
    body = besluit_body(besluittype)
    created = api.post(BESLUITEN, body).json()
    api.put(created["url"], body)
    api.patch(created["url"], {"toelichting": "x"})
    api.delete(created["url"])
    assert notifications() == [("besluit", "create"), ("besluit", "update"), ("besluit", "partial_update"),
                               ("besluit", "destroy")]
    for message in OutboxMessage.objects.filter(kanaal="besluiten"):
        assert message.hoofd_object == created["url"] and message.resource_url == created["url"]
        assert message.kenmerken == {"verantwoordelijke_organisatie": "517439943",
                                     "besluittype": besluittype_url(besluittype)}


def test_a_refused_write_records_nothing(api, besluittype):
    created = api.post(BESLUITEN, besluit_body(besluittype)).json()
    api.patch(created["url"], {"identificatie": "ander"})
    assert trail(uuid_of(created["url"])) == [("besluit", "create")]
    assert notifications() == [("besluit", "create")]


def test_other_registers_read_a_besluit_in_process(api, besluittype):
    """zaakbesluiten and the archive derivation (ingangsdatum_besluit / vervaldatum_besluit) read
    besluiten through REGISTRY["besluiten.besluit"]."""
    from zaakwerk.zaken.domain.status import BESLUIT_RESOURCE, fetch_object

    created = api.post(BESLUITEN, besluit_body(besluittype, vervaldatum="2030-01-01")).json()
    read = fetch_object(created["url"], expect=BESLUIT_RESOURCE)
    assert read == created and read["ingangsdatum"] == "2024-03-02"
