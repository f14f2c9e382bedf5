"""The relations of a zaak with other registers over HTTP (Zaken API 1.7.0):
zaakinformatieobjecten (zrc-003, zrc-004, zrc-005's seam, zrc-017, the ZIO part of zrc-022),
klantcontacten, zaakcontactmomenten, zaakverzoeken and the zaakbesluiten sync endpoint."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.catalogi.models import StatusType
from zaakwerk.core.references import ReferenceLookupError
from zaakwerk.zaken.domain import relaties
from zaakwerk.zaken.models import KlantContact, Status, ZaakBesluit, ZaakContactMoment, ZaakInformatieObject, ZaakVerzoek

from .conftest import BASE, ROOT, build_zaaktype
from .test_relaties_support import (
    catalogi_url,
    close,
    codes,
    make_zaak,
    notifications,
    remote,  # noqa: F401 - a fixture
    spec_properties,
    trail,
    zaak_url,
    zrc,
)

pytestmark = pytest.mark.django_db

ZIOS = f"{ROOT}/zaakinformatieobjecten"


@pytest.fixture
def documenttypen(system, catalogus):
    """A published zaaktype that allows informatieobjecttype "aanvraag" (not "besluit", which
    exists in the same catalogus), a zaak of it, and both informatieobjecttypen."""
    zt = build_zaaktype(system, catalogus, identificatie="ZT-DOCS", publish=False)
    iots = {}
    for omschrijving in ("aanvraag", "besluit"):
        iot = catalogi.create_informatieobjecttype(system, {
            "catalogus": catalogus, "omschrijving": omschrijving, "vertrouwelijkheidaanduiding": "openbaar",
            "begin_geldigheid": dt.date(2020, 1, 1), "informatieobjectcategorie": "document"})
        iots[omschrijving] = catalogi.publish_informatieobjecttype(system, iot)
    catalogi.create_zaaktypeinformatieobjecttype(system, {
        "zaaktype": zt, "informatieobjecttype": iots["aanvraag"], "volgnummer": 1, "richting": "inkomend"})
    zt = catalogi.publish_zaaktype(system, zt)
    return zt, iots


@pytest.fixture
def zaak(documenttypen):
    return make_zaak(documenttypen[0])


@pytest.fixture
def document(remote, documenttypen):
    """A document (at the remote Documenten API) of an allowed informatieobjecttype."""
    return remote.document(catalogi_url("informatieobjecttypen", documenttypen[1]["aanvraag"]))


def post_zio(client, zaak, informatieobject, **extra):
    return client.post(ZIOS, {"zaak": zaak_url(zaak), "informatieobject": informatieobject, **extra})


# ---- zaakinformatieobjecten: zrc-003 ------------------------------------------------------------------------


def test_zrc_003a_create_with_a_resolving_informatieobject(api, zaak, document):
    response = post_zio(api, zaak, document, titel="test", beschrijving="bla")
    assert response.status_code == 201, response.json()
    zio = ZaakInformatieObject.objects.get()
    body = response.json()
    assert body == {
        "url": f"{BASE}{ROOT}/zaakinformatieobjecten/{zio.pk}", "uuid": str(zio.pk), "informatieobject": document,
        "zaak": zaak_url(zaak), "aardRelatieWeergave": "Hoort bij, omgekeerd: kent", "titel": "test",
        "beschrijving": "bla", "registratiedatum": body["registratiedatum"], "vernietigingsdatum": None,
        "status": None,
    }
    assert list(body) == spec_properties("ZaakInformatieObject")
    assert api.get(body["url"]).json() == body
    assert api.head(body["url"]).status_code == 200


def test_zrc_003bc_put_and_patch_change_the_relation_data(api, zaak, document):
    url = post_zio(api, zaak, document, titel="test", beschrijving="bla").json()["url"]
    put = api.put(url, {"zaak": zaak_url(zaak), "informatieobject": document, "titel": "test",
                        "beschrijving": "aangepaste beschrijving", "vernietigingsdatum": "2030-01-01T00:00:00Z"})
    assert put.status_code == 200, put.json()
    assert (put.json()["beschrijving"], put.json()["vernietigingsdatum"]) == ("aangepaste beschrijving",
                                                                               "2030-01-01T00:00:00Z")
    patch = api.patch(url, {"titel": "aangepaste titel"})
    assert patch.status_code == 200 and patch.json()["titel"] == "aangepaste titel"
    assert patch.json()["beschrijving"] == "aangepaste beschrijving"
    assert api.put(url, {"zaak": zaak_url(zaak), "informatieobject": document}).json()["titel"] == ""  # PUT is whole


def test_zrc_003d_an_informatieobject_url_that_does_not_resolve_is_refused(api, zaak, remote):
    response = post_zio(api, zaak, remote.base + "/404", titel="test")
    assert response.status_code == 400
    assert codes(response)[0] == ("informatieobject", "bad-url")
    not_json = post_zio(api, zaak, remote.add("/html", b"<html></html>"))
    assert codes(not_json)[0] == ("informatieobject", "invalid-resource")
    no_type = post_zio(api, zaak, remote.add("/geen-document", {"url": "x"}))
    assert codes(no_type)[0] == ("informatieobject", "invalid-resource")
    assert not ZaakInformatieObject.objects.exists()


def test_zrc_003_a_local_informatieobject_url_is_never_fetched_over_http(api, zaak):
    # Zaakwerk serves no Documenten API yet: a URL on this server names nothing
    response = post_zio(api, zaak, f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/1")
    assert codes(response) == [("informatieobject", "bad-url")]


# ---- zrc-004 ------------------------------------------------------------------------------------------------------


def test_zrc_004a_aard_relatie_and_registratiedatum_are_set_by_the_system(api, zaak, document):
    before = timezone.now()
    response = post_zio(api, zaak, document, registratiedatum="1900-01-01", aardRelatieWeergave="Legt vast")
    assert response.status_code == 201
    body = response.json()
    assert body["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    registratiedatum = dt.datetime.fromisoformat(body["registratiedatum"].replace("Z", "+00:00"))
    assert before <= registratiedatum <= timezone.now()
    assert ZaakInformatieObject.objects.get().aard_relatie == "hoort_bij"


def test_zrc_004bc_aard_relatie_cannot_be_changed(api, zaak, document):
    url = post_zio(api, zaak, document).json()["url"]
    put = api.put(url, {"zaak": zaak_url(zaak), "informatieobject": document, "aardRelatieWeergave": "aangepast"})
    patch = api.patch(url, {"aardRelatieWeergave": "aangepast"})
    for response in (put, patch):
        assert response.status_code == 200 and response.json()["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"


def test_zrc_004dg_zaak_and_informatieobject_are_immutable(api, zaak, document, remote, documenttypen):
    url = post_zio(api, zaak, document).json()["url"]
    other_zaak = make_zaak(documenttypen[0])
    other_document = remote.document(catalogi_url("informatieobjecttypen", documenttypen[1]["aanvraag"]))
    full = {"zaak": zaak_url(zaak), "informatieobject": document}
    for change, name in (({"zaak": zaak_url(other_zaak)}, "zaak"), ({"informatieobject": other_document},
                                                                   "informatieobject")):
        for response in (api.put(url, {**full, **change}), api.patch(url, change)):
            assert response.status_code == 400
            assert codes(response)[0] == (name, "wijzigen-niet-toegelaten")
    zio = ZaakInformatieObject.objects.get()
    assert (zio.zaak_id, zio.informatieobject) == (zaak.pk, document)


# ---- zrc-017 and zrc-022 ------------------------------------------------------------------------------------------


def test_zrc_017a_informatieobjecttype_not_allowed_by_the_zaaktype_is_refused(api, zaak, remote, documenttypen):
    _zt, iots = documenttypen
    besluit_document = remote.document(catalogi_url("informatieobjecttypen", iots["besluit"]))
    response = post_zio(api, zaak, besluit_document, titel="bla")
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation")
    foreign = remote.document("https://andere-catalogi.example/api/v1/informatieobjecttypen/1")
    assert codes(post_zio(api, zaak, foreign))[0] == ("nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation")
    assert not ZaakInformatieObject.objects.exists()


def test_zrc_017_a_zaaktype_without_informatieobjecttypen_allows_none(api, zaaktype, document):
    response = post_zio(api, make_zaak(zaaktype), document)
    assert codes(response) == [("nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation")]


@pytest.mark.parametrize("archiefstatus", ["gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen"])
def test_zrc_022_a_zio_needs_archiefstatus_nog_te_archiveren(api, documenttypen, document, remote, archiefstatus):
    zaak = make_zaak(documenttypen[0], archiefstatus=archiefstatus)
    remote.requests.clear()
    response = post_zio(api, zaak, document)
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "zaak-archiefstatus-invalid")]
    assert not ZaakInformatieObject.objects.exists()
    assert remote.requests == []  # refused before fetching anything


# ---- other ZIO rules ------------------------------------------------------------------------------------------


def test_a_document_is_related_to_a_zaak_once(api, zaak, document):
    assert post_zio(api, zaak, document).status_code == 201
    assert codes(post_zio(api, zaak, document)) == [("nonFieldErrors", "unique")]


def test_the_status_of_a_zio_is_a_status_of_its_zaak(api, zaak, document, documenttypen):
    statustype = StatusType.objects.filter(zaaktype=documenttypen[0]).first()
    own = Status.objects.create(zaak=zaak, statustype=statustype, datum_status_gezet=timezone.now())
    other = Status.objects.create(zaak=make_zaak(documenttypen[0]), statustype=statustype,
                                  datum_status_gezet=timezone.now())
    refused = post_zio(api, zaak, document, status=f"{BASE}{ROOT}/statussen/{other.pk}")
    assert codes(refused) == [("status", "zaak-status-mismatch")]
    created = post_zio(api, zaak, document, status=f"{BASE}{ROOT}/statussen/{own.pk}")
    assert created.status_code == 201 and created.json()["status"] == f"{BASE}{ROOT}/statussen/{own.pk}"
    from zaakwerk.core.api import REGISTRY

    if "zaken.status" in REGISTRY:
        expanded = api.get(created.json()["url"], {"expand": "status"}).json()
        assert expanded["_expand"]["status"]["url"] == f"{BASE}{ROOT}/statussen/{own.pk}"
    patched = api.patch(created.json()["url"], {"status": None})
    assert patched.json()["status"] is None


def test_list_filters_delete_and_recording(api, zaak, document, remote, documenttypen):
    other = make_zaak(documenttypen[0])
    first = post_zio(api, zaak, document).json()
    second_document = remote.document(catalogi_url("informatieobjecttypen", documenttypen[1]["aanvraag"]))
    second = post_zio(api, other, second_document).json()
    assert api.get(ZIOS).json() == [first, second]  # a plain array
    assert api.get(ZIOS, {"zaak": zaak_url(other)}).json() == [second]
    assert api.get(ZIOS, {"informatieobject": document}).json() == [first]
    assert api.get(ZIOS, {"informatieobject": "geen url"}).status_code == 400
    api.patch(first["url"], {"titel": "t"})
    assert api.delete(first["url"]).status_code == 204
    assert api.get(first["url"]).status_code == 404
    assert trail(zaak) == [("zaakinformatieobject", "create"), ("zaakinformatieobject", "partial_update"),
                           ("zaakinformatieobject", "destroy")]
    # the standard announces only the create of a zaakinformatieobject
    assert notifications() == [("zaakinformatieobject", "create"), ("zaakinformatieobject", "create")]


def test_zrc_007h_n_a_closed_zaak_changes_its_zios_only_with_geforceerd_bijwerken(api, client_for, zaak, document,
                                                                                  remote, documenttypen):
    zt = documenttypen[0]
    url = post_zio(api, zaak, document).json()["url"]
    close(zaak)
    other_document = remote.document(catalogi_url("informatieobjecttypen", documenttypen[1]["aanvraag"]))
    client = client_for([zrc(zt, "zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.verwijderen")])
    full = {"zaak": zaak_url(zaak), "informatieobject": document, "titel": "bla"}
    for response in (post_zio(client, zaak, other_document), client.put(url, full), client.patch(url, full),
                     client.delete(url)):
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    forced = client_for([zrc(zt, "zaken.lezen", "zaken.geforceerd-bijwerken")])
    assert forced.put(url, {**full, "titel": "aangepast"}).json()["titel"] == "aangepast"
    assert forced.patch(url, {**full, "titel": "en nog een keer"}).json()["titel"] == "en nog een keer"
    assert forced.delete(url).status_code == 204
    assert post_zio(forced, zaak, other_document).status_code == 201


def test_authorisation_per_zaaktype(api, client_for, zaak, document, documenttypen, zaaktype):
    zt = documenttypen[0]
    url = post_zio(api, zaak, document).json()["url"]
    stranger = client_for([zrc(zaaktype, "zaken.lezen", "zaken.aanmaken")])
    assert stranger.get(ZIOS).json() == []
    assert stranger.get(url).status_code == 403
    assert post_zio(stranger, zaak, document).status_code == 403
    creator = client_for([zrc(zt, "zaken.lezen", "zaken.aanmaken")])
    assert [z["url"] for z in creator.get(ZIOS).json()] == [url]
    assert creator.patch(url, {"titel": "x"}).status_code == 403  # aanmaken may not update


# ---- zrc-005: the seam to Zaakwerk's own Documenten register ----------------------------------------------


@pytest.fixture
def own_documenten(documenttypen, recording_documenten, monkeypatch):
    """A stand-in for this server's Documenten register: its document lookup (what
    REGISTRY["documenten.enkelvoudiginformatieobject"] answers once the register exists) and its
    seam in ``core.registers``."""
    iot_url = catalogi_url("informatieobjecttypen", documenttypen[1]["aanvraag"])
    local_url = f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/lokaal-1"

    def fetch_document(url):
        if url != local_url:
            raise ReferenceLookupError("bad-url", "De URL verwijst niet naar een bestaande resource.")
        return {"url": url, "informatieobjecttype": iot_url}

    monkeypatch.setattr(relaties, "fetch_document", fetch_document)
    return local_url, recording_documenten


def test_zrc_005_a_zio_of_an_own_document_is_resolved_and_mirrored_in_process(api, zaak, own_documenten):
    local_url, documenten = own_documenten
    response = post_zio(api, zaak, local_url)
    assert response.status_code == 201, response.json()
    zaak_object = zaak_url(zaak)
    assert documenten.calls == [("create", local_url, "zaak", zaak_object)]
    assert api.delete(response.json()["url"]).status_code == 204
    assert documenten.calls == [("create", local_url, "zaak", zaak_object), ("destroy", local_url, "zaak", zaak_object)]
    missing = post_zio(api, zaak, f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/weg")
    assert codes(missing) == [("informatieobject", "bad-url")]


# ---- klantcontacten (deprecated) ----------------------------------------------------------------------------------

KLANTCONTACTEN = f"{ROOT}/klantcontacten"


def test_klantcontact_create_generates_an_identificatie(api, zaaktype):
    zaak = make_zaak(zaaktype)
    response = api.post(KLANTCONTACTEN, {"zaak": zaak_url(zaak), "datumtijd": "2019-02-20T00:00:00", "kanaal": "balie"})
    assert response.status_code == 201, response.json()
    obj = KlantContact.objects.get()
    assert response.json() == {
        "url": f"{BASE}{ROOT}/klantcontacten/{obj.pk}", "uuid": str(obj.pk), "zaak": zaak_url(zaak),
        "identificatie": f"KC{obj.pk.hex[:12].upper()}",
        # a datetime without offset is Dutch time, as DRF read it
        "datumtijd": "2019-02-19T23:00:00Z", "kanaal": "balie", "onderwerp": "", "toelichting": "",
    }
    assert list(response.json()) == spec_properties("KlantContact")
    given = api.post(KLANTCONTACTEN, {"zaak": zaak_url(zaak), "datumtijd": "2019-08-29T14:14:21Z", "identificatie": "KC-1"})
    assert given.json()["identificatie"] == "KC-1" and given.json()["datumtijd"] == "2019-08-29T14:14:21Z"
    assert api.get(given.json()["url"]).json() == given.json()
    page = api.get(KLANTCONTACTEN, {"zaak": zaak_url(zaak)}).json()
    assert page["count"] == 2
    assert api.delete(given.json()["url"]).status_code == 405
    assert notifications() == [("klantcontact", "create"), ("klantcontact", "create")]


def test_klantcontact_bad_input_and_closed_zaak(api, client_for, zaaktype):
    zaak = make_zaak(zaaktype)
    assert codes(api.post(KLANTCONTACTEN, {"zaak": zaak_url(zaak)})) == [("datumtijd", "required")]
    assert ("identificatie", "max_length") in codes(api.post(KLANTCONTACTEN, {
        "zaak": zaak_url(zaak), "datumtijd": "2019-08-29T14:14:21Z", "identificatie": "x" * 15}))
    close(zaak)
    body = {"zaak": zaak_url(zaak), "datumtijd": "2019-02-20T00:00:00"}
    refused = client_for([zrc(zaaktype, "zaken.bijwerken")]).post(KLANTCONTACTEN, body)
    assert refused.status_code == 403 and not KlantContact.objects.exists()  # zrc-007d
    assert client_for([zrc(zaaktype, "zaken.geforceerd-bijwerken")]).post(KLANTCONTACTEN, body).status_code == 201


# ---- zaakcontactmomenten and zaakverzoeken -------------------------------------------------------------------------


@pytest.mark.parametrize("collection, field, model, resource", [
    ("zaakcontactmomenten", "contactmoment", ZaakContactMoment, "zaakcontactmoment"),
    ("zaakverzoeken", "verzoek", ZaakVerzoek, "zaakverzoek"),
])
def test_links_to_contactmomenten_and_verzoeken(api, client_for, zaaktype, remote, collection, field, model, resource):
    zaak, other = make_zaak(zaaktype), make_zaak(zaaktype)
    target = remote.add(f"/{field}/1", {"url": "x"})
    root = f"{ROOT}/{collection}"
    response = api.post(root, {"zaak": zaak_url(zaak), field: target})
    assert response.status_code == 201, response.json()
    obj = model.objects.get()
    assert response.json() == {"url": f"{BASE}{ROOT}/{collection}/{obj.pk}", "uuid": str(obj.pk),
                                "zaak": zaak_url(zaak), field: target}
    assert list(response.json()) == spec_properties("ZaakContactMoment" if field == "contactmoment" else "ZaakVerzoek")
    assert api.get(response.json()["url"]).json() == response.json()
    assert codes(api.post(root, {"zaak": zaak_url(zaak), field: target})) == [("nonFieldErrors", "unique")]
    assert codes(api.post(root, {"zaak": zaak_url(zaak), field: remote.base + "/weg"})) == [(field, "bad-url")]
    second = api.post(root, {"zaak": zaak_url(other), field: target}).json()
    by_url = lambda items: sorted(items, key=lambda item: item["url"])  # noqa: E731
    assert by_url(api.get(root).json()) == by_url([response.json(), second])  # a plain array
    assert api.get(root, {"zaak": zaak_url(other)}).json() == [second]
    assert by_url(api.get(root, {field: target}).json()) == by_url([response.json(), second])
    # create and delete need zaken.bijwerken itself
    forced = client_for([zrc(zaaktype, "zaken.lezen", "zaken.geforceerd-bijwerken")])
    assert forced.post(root, {"zaak": zaak_url(zaak), field: remote.add(f"/{field}/2", {})}).status_code == 403
    assert forced.delete(second["url"]).status_code == 403
    assert api.delete(second["url"]).status_code == 204
    assert model.objects.count() == 1
    assert trail(other) == [(resource, "create"), (resource, "destroy")]
    assert notifications() == [(resource, "create"), (resource, "create")]


# ---- zaakbesluiten: the sync endpoint of the Besluiten API ------------------------------------------------------


def test_zaakbesluiten_nested_under_their_zaak(api, client_for, zaaktype, remote, system, catalogus):
    zaak = make_zaak(zaaktype)
    besluit = remote.add("/besluiten/api/v1/besluiten/1", {"url": "x", "zaak": zaak_url(zaak)})
    root = f"{ROOT}/zaken/{zaak.pk}/besluiten"
    response = api.post(root, {"besluit": besluit})
    assert response.status_code == 201, response.json()
    obj = ZaakBesluit.objects.get()
    expected = {"url": f"{BASE}{root}/{obj.pk}", "uuid": str(obj.pk), "besluit": besluit}
    assert response.json() == expected and response["Location"] == expected["url"]
    assert list(expected) == spec_properties("ZaakBesluit")
    assert api.get(root).json() == [expected]
    assert api.get(expected["url"]).json() == expected
    assert codes(api.post(root, {"besluit": besluit})) == [("nonFieldErrors", "unique")]
    assert codes(api.post(root, {"besluit": remote.base + "/weg"})) == [("besluit", "bad-url")]
    assert api.post(f"{ROOT}/zaken/00000000-0000-4000-8000-000000000000/besluiten", {"besluit": besluit}).status_code == 404
    other = make_zaak(build_zaaktype(system, catalogus, identificatie="ZT-ANDER"))
    assert api.get(f"{ROOT}/zaken/{other.pk}/besluiten/{obj.pk}").status_code == 404  # not under another zaak
    reader = client_for([zrc(zaaktype, "zaken.lezen")])
    assert reader.get(root).json() == [expected]
    assert reader.post(root, {"besluit": besluit}).status_code == 403
    assert reader.get(f"{ROOT}/zaken/{other.pk}/besluiten").status_code == 403
    assert api.delete(expected["url"]).status_code == 204
    assert api.get(root).json() == []
    assert trail(zaak) == [("zaakbesluit", "create"), ("zaakbesluit", "destroy")]
    assert notifications() == [("zaakbesluit", "create")]


def test_zaakbesluiten_accept_the_expand_parameter_of_the_standard(api, zaaktype, remote):
    zaak = make_zaak(zaaktype)
    root = f"{ROOT}/zaken/{zaak.pk}/besluiten"
    api.post(root, {"besluit": remote.add("/besluiten/api/v1/besluiten/9", {"url": "x"})})
    assert api.get(root, {"expand": ""}).status_code == 200
    assert api.get(root, {"expand": "zaak"}).status_code == 400  # not an expansion of a zaakbesluit
