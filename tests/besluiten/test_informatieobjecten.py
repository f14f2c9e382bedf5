"""Besluitinformatieobjecten: brc-003 (the informatieobject resolves), brc-004 (legt_vast, set by
the system), brc-005 (the objectinformatieobject mirror through ``core.registers``), brc-008 (the
document's informatieobjecttype belongs to the besluittype), uniqueness, filters, expand, and no
update (the 1.1.0 OAS has none).

Documents are served by the ``remote`` stub (a foreign Documenten API); the mirror calls are
checked with a recording fake plugged in with ``register_documenten`` (a document of this server
is simulated by answering its URL in ``fetch_document``)."""

from __future__ import annotations

import pytest

from zaakwerk.besluiten.domain import informatieobjecten as bio_domain
from zaakwerk.besluiten.models import BesluitInformatieObject
from zaakwerk.core import registers
from zaakwerk.core.models import AuditTrail, OutboxMessage

from ..conftest import BASE
from .conftest import (BESLUITEN, BIOS, ROOT, besluit_body, catalogi_url, codes, make_besluittype, make_iot,
                       notifications, trail, uuid_of)

pytestmark = pytest.mark.django_db


class RecordingDocumenten:
    """A Documenten register that records what the Besluiten register asks of it."""

    def __init__(self):
        self.calls: list[tuple] = []

    def relatie_aangemaakt(self, actor, *, informatieobject, object_type, object_url):
        self.calls.append(("aangemaakt", informatieobject, object_type, object_url))

    def relatie_verwijderd(self, actor, *, informatieobject, object_type, object_url):
        self.calls.append(("verwijderd", informatieobject, object_type, object_url))

    def object_verwijderd(self, actor, *, object_type, object_url, informatieobjecten):
        self.calls.append(("object_verwijderd", object_type, object_url, sorted(informatieobjecten)))

    def niet_gearchiveerd(self, informatieobjecten):
        return []


@pytest.fixture
def documenten():
    fake = RecordingDocumenten()
    previous = registers.register_documenten(fake)
    yield fake
    registers.register_documenten(previous)


@pytest.fixture
def besluit(api, besluittype):
    return api.post(BESLUITEN, besluit_body(besluittype)).json()


@pytest.fixture
def document(remote, iot):
    """A document of a foreign Documenten API, of the besluittype's informatieobjecttype."""
    return remote.document(catalogi_url("informatieobjecttypen", iot))


def local_document(monkeypatch, iot) -> str:
    """A URL of a document in this server's Documenten register (answered in-process)."""
    url = f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000001"
    document = {"url": url, "informatieobjecttype": catalogi_url("informatieobjecttypen", iot)}
    real = bio_domain.fetch_document
    monkeypatch.setattr(bio_domain, "fetch_document", lambda value: document if value == url else real(value))
    return url


# ---- brc-003 / brc-004 ------------------------------------------------------------------------------


def test_brc_003a_create_retrieve_delete(api, besluit, document):
    response = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document})
    assert response.status_code == 201
    bio = BesluitInformatieObject.objects.get()
    expected = {"url": f"{BASE}{BIOS}/{bio.pk}", "informatieobject": document, "besluit": besluit["url"]}
    assert response.json() == expected and response["Location"] == expected["url"]
    assert api.get(expected["url"]).json() == expected
    assert api.delete(expected["url"]).status_code == 204
    assert not BesluitInformatieObject.objects.exists()
    assert api.get(expected["url"]).status_code == 404


def test_brc_003b_informatieobject_must_resolve(api, besluit, remote):
    body = {"besluit": besluit["url"]}
    assert codes(api.post(BIOS, {**body, "informatieobject": remote.base + "/404"})) == \
        [("informatieobject", "bad-url")]
    not_json = remote.add("/200", b"", 200)
    assert codes(api.post(BIOS, {**body, "informatieobject": not_json})) == [("informatieobject", "invalid-resource")]
    assert codes(api.post(BIOS, {**body, "informatieobject": "geen url"})) == [("informatieobject", "invalid")]
    # a URL on this server that names no document
    assert codes(api.post(BIOS, {**body, "informatieobject": besluit["url"]})) == \
        [("informatieobject", "invalid-resource")]
    assert not BesluitInformatieObject.objects.exists()
    assert trail(uuid_of(besluit["url"])) == [("besluit", "create")]


def test_brc_004_aard_relatie_is_legt_vast_set_by_the_system(api, besluit, document):
    api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document, "aardRelatie": "hoort_bij"})
    bio = BesluitInformatieObject.objects.get()
    assert bio.aard_relatie == "legt_vast" and bio.registratiedatum is not None


def test_brc_004_no_update_of_a_relation(api, besluit, document, besluittype):
    """The Besluiten API 1.1.0 has no PUT/PATCH of a besluitinformatieobject, and "het is NIET
    TOEGESTAAN om gebruik te maken van operaties die niet beschreven staan in deze OAS spec".
    (VNG's suite, written against an implementation that had them, expects 400 here.)"""
    url = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).json()["url"]
    other = api.post(BESLUITEN, besluit_body(besluittype)).json()["url"]
    assert api.put(url, {"besluit": other, "informatieobject": document}).status_code == 405
    assert api.patch(url, {"besluit": other}).status_code == 405
    assert str(BesluitInformatieObject.objects.get().besluit_id) == uuid_of(besluit["url"])


def test_the_besluit_must_be_a_besluit_of_this_api(api, document, remote):
    assert codes(api.post(BIOS, {"besluit": f"{BASE}{ROOT}/besluiten/00000000-0000-4000-8000-000000000000",
                                 "informatieobject": document})) == [("besluit", "bad-url")]
    assert codes(api.post(BIOS, {"besluit": remote.base + "/besluiten/1", "informatieobject": document}))[0][0] == \
        "besluit"
    assert codes(api.post(BIOS, {"informatieobject": document})) == [("besluit", "required")]


def test_one_relation_per_besluit_and_informatieobject(api, besluit, document):
    body = {"besluit": besluit["url"], "informatieobject": document}
    assert api.post(BIOS, body).status_code == 201
    assert codes(api.post(BIOS, body)) == [("nonFieldErrors", "unique")]
    assert BesluitInformatieObject.objects.count() == 1


# ---- brc-008 -----------------------------------------------------------------------------------------


def test_brc_008_informatieobjecttype_must_belong_to_the_besluittype(api, system, catalogus, remote):
    temp_iot = make_iot(system, catalogus, "TEMP")
    temp_type = make_besluittype(system, catalogus, "TEMP")  # no informatieobjecttypen
    besluit = api.post(BESLUITEN, besluit_body(temp_type)).json()
    document = remote.document(catalogi_url("informatieobjecttypen", temp_iot))
    expected = [("nonFieldErrors", "missing-besluittype-informatieobjecttype-relation")]
    assert codes(api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document})) == expected
    # an informatieobjecttype of another Catalogi API is never one of the besluittype's
    foreign_type = remote.document("https://catalogi.elders.example/informatieobjecttypen/1")
    assert codes(api.post(BIOS, {"besluit": besluit["url"], "informatieobject": foreign_type})) == expected
    # a document without informatieobjecttype is no document
    bare = remote.add("/documenten/api/v1/enkelvoudiginformatieobjecten/kaal", {"url": "x"})
    assert codes(api.post(BIOS, {"besluit": besluit["url"], "informatieobject": bare})) == \
        [("informatieobject", "invalid-resource")]
    assert not BesluitInformatieObject.objects.exists()


def test_brc_008_the_besluittype_allows_it_by_omschrijving(api, besluit, remote, iot):
    """Catalogi 1.3 links by omschrijving: a document of the allowed informatieobjecttype passes."""
    document = remote.document(catalogi_url("informatieobjecttypen", iot))
    assert api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).status_code == 201


# ---- brc-005: the objectinformatieobject mirror ------------------------------------------------------


def test_brc_005_relation_with_a_local_document_is_mirrored(api, besluit, documenten, monkeypatch, iot):
    document = local_document(monkeypatch, iot)
    url = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).json()["url"]
    assert documenten.calls == [("aangemaakt", document, "besluit", besluit["url"])]
    api.delete(url)
    assert documenten.calls[1] == ("verwijderd", document, "besluit", besluit["url"])


def test_brc_005_a_foreign_document_is_not_mirrored(api, besluit, document, documenten):
    url = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).json()["url"]
    api.delete(url)
    assert documenten.calls == []


def test_brc_005_a_refused_relation_is_not_mirrored(api, besluit, documenten, monkeypatch, iot):
    document = local_document(monkeypatch, iot)
    api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document})
    api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document})  # unique: refused
    assert len(documenten.calls) == 1


def test_brc_005_mirror_failure_rolls_the_relation_back(api, besluit, monkeypatch, iot):
    class Failing(RecordingDocumenten):
        def relatie_aangemaakt(self, actor, **kw):
            from zaakwerk.core.errors import ValidationFailed

            raise ValidationFailed("informatieobject", "invalid", "Spiegelen mislukt.")

    previous = registers.register_documenten(Failing())
    try:
        document = local_document(monkeypatch, iot)
        response = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document})
    finally:
        registers.register_documenten(previous)
    assert codes(response) == [("informatieobject", "invalid")]
    assert not BesluitInformatieObject.objects.exists()
    assert trail(uuid_of(besluit["url"])) == [("besluit", "create")]


# ---- list, filters, expand, records ------------------------------------------------------------------


def test_list_is_a_plain_array_with_filters(api, besluit, besluittype, remote, iot):
    other = api.post(BESLUITEN, besluit_body(besluittype)).json()
    doc1 = remote.document(catalogi_url("informatieobjecttypen", iot))
    doc2 = remote.document(catalogi_url("informatieobjecttypen", iot))
    for b, d in ((besluit, doc1), (besluit, doc2), (other, doc1)):
        assert api.post(BIOS, {"besluit": b["url"], "informatieobject": d}).status_code == 201

    def pairs(params=None):
        response = api.get(BIOS, params)
        assert response.status_code == 200 and isinstance(response.json(), list)
        return sorted((item["besluit"], item["informatieobject"]) for item in response.json())

    assert len(pairs()) == 3
    assert pairs({"besluit": besluit["url"]}) == sorted([(besluit["url"], doc1), (besluit["url"], doc2)])
    assert pairs({"informatieobject": doc1}) == sorted([(besluit["url"], doc1), (other["url"], doc1)])
    assert pairs({"besluit": other["url"], "informatieobject": doc1}) == [(other["url"], doc1)]
    assert pairs({"besluit": f"{BASE}{ROOT}/besluiten/00000000-0000-4000-8000-000000000000"}) == []
    assert codes(api.get(BIOS, {"besluit": "geen-url"}))[0][0] == "besluit"
    assert codes(api.get(BIOS, {"zaak": besluit["url"]}))[0] == ("nonFieldErrors", "unknown-parameters")


def test_expand_besluit(api, besluit, document):
    url = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).json()["url"]
    detail = api.get(url, {"expand": "besluit.besluittype"}).json()
    assert detail["_expand"]["besluit"]["url"] == besluit["url"]
    assert detail["_expand"]["besluit"]["_expand"]["besluittype"]["url"] == besluit["besluittype"]
    listed = api.get(BIOS, {"expand": "besluit"}).json()
    assert listed[0]["_expand"]["besluit"]["identificatie"] == besluit["identificatie"]
    assert api.get(BIOS, {"expand": "zaak"}).status_code == 400


def test_writes_are_recorded_on_the_besluit(api, besluit, document):
    url = api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).json()["url"]
    api.delete(url)
    assert trail(uuid_of(besluit["url"])) == [("besluit", "create"), ("besluitinformatieobject", "create"),
                                              ("besluitinformatieobject", "destroy")]
    entry = AuditTrail.objects.get(resource="besluitinformatieobject", actie="destroy")
    assert entry.hoofd_object == besluit["url"] and entry.resource_url == url
    assert entry.oud == {"url": url, "informatieobject": document, "besluit": besluit["url"]} and entry.nieuw is None
    assert notifications() == [("besluit", "create"), ("besluitinformatieobject", "create"),
                               ("besluitinformatieobject", "destroy")]
    message = OutboxMessage.objects.filter(resource="besluitinformatieobject").first()
    assert message.hoofd_object == besluit["url"]
    assert message.kenmerken["besluittype"] == besluit["besluittype"]
