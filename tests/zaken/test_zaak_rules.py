"""The behaviour rules of a ZAAK (zrc-001, zrc-009 .. zrc-015, zrc-022, RSIN), over HTTP, with the
status and invalidParams codes VNG's conformance suite pins (/tmp/cdump/rules_zrc.txt)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zaakwerk.zaken.models import Zaak

from .conftest import BASE, ROOT, build_zaaktype, zaak_body, zaaktype_url
from .test_status_support import remote  # noqa: F401
from .test_zaak_helpers import communicatiekanaal_url, invalid_params, make_zaak, mock_host, zaak_url  # noqa: F401

ZAKEN = f"{ROOT}/zaken"


@pytest.fixture
def zaak(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype))
    assert response.status_code == 201, response.content
    return response.json()


def _put_body(zaak_json: dict, **changes) -> dict:
    body = {k: zaak_json[k] for k in ("bronorganisatie", "verantwoordelijkeOrganisatie", "zaaktype", "startdatum")}
    body.update(changes)
    return body


# ---- zrc-001: zaaktype ---------------------------------------------------------------------------


def test_zrc_001a_create_with_a_published_zaaktype(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, omschrijving="string"))
    assert response.status_code == 201
    assert response.json()["zaaktype"] == zaaktype_url(zaaktype)
    assert Zaak.objects.get().zaaktype_id == zaaktype.pk


def test_zrc_001d_zaaktype_url_that_does_not_answer_is_bad_url(api, zaaktype, mock_host):
    response = api.post(ZAKEN, zaak_body(f"{mock_host}/404"))
    assert response.status_code == 400
    assert invalid_params(response)[0] == ("zaaktype", "bad-url")
    assert not Zaak.objects.exists()


def test_zrc_001d_local_url_of_an_unknown_zaaktype_is_bad_url(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(f"{BASE}/catalogi/api/v1/zaaktypen/00000000-0000-0000-0000-000000000000"))
    assert invalid_params(response)[0] == ("zaaktype", "bad-url")


def test_zrc_001e_url_that_is_not_a_zaaktype_is_invalid_resource(api, zaaktype, mock_host):
    response = api.post(ZAKEN, zaak_body(f"{mock_host}/200"))
    assert response.status_code == 400
    assert invalid_params(response)[0] == ("zaaktype", "invalid-resource")
    catalogus = f"{BASE}/catalogi/api/v1/catalogussen/{zaaktype.catalogus_id}"
    assert invalid_params(api.post(ZAKEN, zaak_body(catalogus)))[0] == ("zaaktype", "invalid-resource")
    assert not Zaak.objects.exists()


def test_zrc_001f_concept_zaaktype_is_not_published(api, zaaktype, system, catalogus):
    concept = build_zaaktype(system, catalogus, identificatie="ZT-CONCEPT", publish=False)
    response = api.post(ZAKEN, zaak_body(concept))
    assert response.status_code == 400
    assert invalid_params(response)[0] == ("zaaktype", "not-published")
    assert not Zaak.objects.exists()


def test_zrc_001g_h_zaaktype_cannot_change(api, zaak, system, catalogus):
    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    put = api.put(zaak["url"], _put_body(zaak, zaaktype=zaaktype_url(other)))
    assert put.status_code == 400
    assert invalid_params(put)[0] == ("zaaktype", "wijzigen-niet-toegelaten")
    patch = api.patch(zaak["url"], {"zaaktype": zaaktype_url(other)})
    assert invalid_params(patch)[0] == ("zaaktype", "wijzigen-niet-toegelaten")
    # the same zaaktype is fine
    assert api.patch(zaak["url"], {"zaaktype": zaak["zaaktype"]}).status_code == 200
    assert Zaak.objects.get().zaaktype_id != other.pk


def test_zrc_001b_c_update_and_partial_update(api, zaak):
    put = api.put(zaak["url"], _put_body(zaak, omschrijving="aangepaste omschrijving"))
    assert put.status_code == 200 and put.json()["omschrijving"] == "aangepaste omschrijving"
    patch = api.patch(zaak["url"], {"toelichting": "aangepaste toelichting"})
    assert patch.status_code == 200
    assert patch.json()["toelichting"] == "aangepaste toelichting"
    assert patch.json()["omschrijving"] == "aangepaste omschrijving"


# ---- zrc-009: vertrouwelijkheidaanduiding ----------------------------------------------------------


def test_zrc_009a_explicit_vertrouwelijkheidaanduiding(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, vertrouwelijkheidaanduiding="zeer_geheim"))
    assert response.json()["vertrouwelijkheidaanduiding"] == "zeer_geheim"
    assert Zaak.objects.get().vertrouwelijkheid_rank == 7


def test_zrc_009b_c_explicit_on_update_keeps_the_rank_in_sync(api, zaak):
    put = api.put(zaak["url"], _put_body(zaak, vertrouwelijkheidaanduiding="intern"))
    assert put.json()["vertrouwelijkheidaanduiding"] == "intern"
    assert Zaak.objects.get().vertrouwelijkheid_rank == 2
    patch = api.patch(zaak["url"], {"vertrouwelijkheidaanduiding": "vertrouwelijk"})
    assert patch.json()["vertrouwelijkheidaanduiding"] == "vertrouwelijk"
    assert Zaak.objects.get().vertrouwelijkheid_rank == 4


def test_zrc_009d_vertrouwelijkheidaanduiding_defaults_to_the_zaaktype(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype))
    assert response.json()["vertrouwelijkheidaanduiding"] == zaaktype.vertrouwelijkheidaanduiding == "zaakvertrouwelijk"
    assert Zaak.objects.get().vertrouwelijkheid_rank == 3


def test_zrc_009_unknown_vertrouwelijkheidaanduiding_is_invalid_choice(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, vertrouwelijkheidaanduiding="topgeheim"))
    assert invalid_params(response) == [("vertrouwelijkheidaanduiding", "invalid_choice")]


# ---- zrc-010: communicatiekanaal ---------------------------------------------------------------------


def test_zrc_010a_b_c_communicatiekanaal_that_does_not_answer_is_bad_url(api, zaaktype, zaak, mock_host):
    bad = f"{mock_host}/404"
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, communicatiekanaal=bad)))[0] == (
        "communicatiekanaal", "bad-url")
    assert invalid_params(api.put(zaak["url"], _put_body(zaak, communicatiekanaal=bad)))[0] == (
        "communicatiekanaal", "bad-url")
    assert invalid_params(api.patch(zaak["url"], {"communicatiekanaal": bad}))[0] == ("communicatiekanaal", "bad-url")
    assert Zaak.objects.count() == 1 and Zaak.objects.get().communicatiekanaal == ""


def test_zrc_010d_e_f_communicatiekanaal_that_is_no_communicatiekanaal_is_invalid_resource(api, zaaktype, zaak,
                                                                                             mock_host):
    for value in (f"{mock_host}/200", f"{BASE}/referentielijsten/api/v1/procestypen/x"):
        assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, communicatiekanaal=value)))[0][0] == "communicatiekanaal"
    wrong = f"{mock_host}/200"
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, communicatiekanaal=wrong)))[0] == (
        "communicatiekanaal", "invalid-resource")
    assert invalid_params(api.put(zaak["url"], _put_body(zaak, communicatiekanaal=wrong)))[0] == (
        "communicatiekanaal", "invalid-resource")
    assert invalid_params(api.patch(zaak["url"], {"communicatiekanaal": wrong}))[0] == (
        "communicatiekanaal", "invalid-resource")


def test_zrc_010g_h_i_valid_communicatiekanaal(api, zaaktype, zaak, mock_host):
    local = communicatiekanaal_url()
    created = api.post(ZAKEN, zaak_body(zaaktype, communicatiekanaal=local))
    assert created.status_code == 201 and created.json()["communicatiekanaal"] == local
    assert Zaak.objects.get(pk=created.json()["uuid"]).communicatiekanaal_naam == "Telefonisch"
    foreign = f"{mock_host}/communicatiekanaal"
    assert api.put(zaak["url"], _put_body(zaak, communicatiekanaal=foreign)).status_code == 200
    assert api.patch(zaak["url"], {"communicatiekanaal": local}).json()["communicatiekanaal"] == local


# ---- zrc-011: relevanteAndereZaken ------------------------------------------------------------------


def test_zrc_011a_b_c_relevante_andere_zaak_that_does_not_answer_is_bad_url(api, zaaktype, zaak, mock_host):
    rel = [{"url": f"{mock_host}/404", "aardRelatie": "vervolg"}]
    for response in (api.post(ZAKEN, zaak_body(zaaktype, relevanteAndereZaken=rel)),
                     api.put(zaak["url"], _put_body(zaak, relevanteAndereZaken=rel)),
                     api.patch(zaak["url"], {"relevanteAndereZaken": rel})):
        assert response.status_code == 400
        assert invalid_params(response)[0] == ("relevanteAndereZaken.0.url", "bad-url")
    assert Zaak.objects.get().relevante_andere_zaken == []


def test_zrc_011_local_url_must_be_a_zaak(api, zaaktype, zaak):
    missing = [{"url": f"{BASE}{ZAKEN}/00000000-0000-0000-0000-000000000000", "aardRelatie": "vervolg"}]
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, relevanteAndereZaken=missing)))[0] == (
        "relevanteAndereZaken.0.url", "bad-url")
    not_a_zaak = [{"url": zaaktype_url(zaaktype), "aardRelatie": "vervolg"}]
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, relevanteAndereZaken=not_a_zaak)))[0] == (
        "relevanteAndereZaken.0.url", "invalid-resource")
    # the index names the bad item
    two = [{"url": zaak["url"], "aardRelatie": "onderwerp"}, missing[0]]
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, relevanteAndereZaken=two)))[0][0] == (
        "relevanteAndereZaken.1.url")


def test_zrc_011_aard_relatie_is_checked(api, zaaktype, zaak):
    rel = [{"url": zaak["url"], "aardRelatie": "familie"}]
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, relevanteAndereZaken=rel)))[0] == (
        "relevanteAndereZaken.0.aardRelatie", "invalid_choice")


def test_zrc_011d_e_f_valid_relevante_andere_zaken(api, zaaktype, zaak, mock_host):
    rel = [{"url": zaak["url"], "aardRelatie": "vervolg"}]
    created = api.post(ZAKEN, zaak_body(zaaktype, relevanteAndereZaken=rel))
    assert created.status_code == 201 and created.json()["relevanteAndereZaken"] == rel
    # a zaak may name itself; a foreign URL only has to answer
    assert api.put(zaak["url"], _put_body(zaak, relevanteAndereZaken=rel)).status_code == 200
    foreign = [{"url": f"{mock_host}/200", "aardRelatie": "bijdrage"}]
    patched = api.patch(zaak["url"], {"relevanteAndereZaken": foreign})
    assert patched.status_code == 200 and patched.json()["relevanteAndereZaken"] == foreign


# ---- zrc-012: gegevensgroepen ---------------------------------------------------------------------------


@pytest.mark.parametrize("group, names", [
    ("opschorting", ["opschorting.indicatie", "opschorting.reden"]),
    ("verlenging", ["verlenging.reden", "verlenging.duur"]),
    ("processobject", ["processobject.datumkenmerk", "processobject.identificatie", "processobject.objecttype",
                       "processobject.registratie"]),
])
def test_zrc_012a_f_a_sent_group_is_validated_as_a_whole(api, zaaktype, zaak, group, names):
    for response in (api.post(ZAKEN, zaak_body(zaaktype, **{group: {"wrong_field": "test"}})),
                     api.put(zaak["url"], _put_body(zaak, **{group: {"wrong_field": "test"}})),
                     api.patch(zaak["url"], {group: {"wrong_field": "test"}})):
        assert response.status_code == 400
        assert invalid_params(response) == [(name, "required") for name in names]
    assert Zaak.objects.count() == 1


def test_zrc_012g_l_null_groups_are_no_value_and_always_returned_nested(api, zaaktype):
    created = api.post(ZAKEN, zaak_body(zaaktype, opschorting=None, verlenging=None, processobject=None))
    assert created.status_code == 201
    body = created.json()
    assert body["opschorting"] == {"indicatie": False, "reden": ""}
    # no verlenging is null: the Verlenging group requires a duur (ISO 8601), so it has no empty form
    assert body["verlenging"] is None
    assert body["processobject"] == {"datumkenmerk": "", "identificatie": "", "objecttype": "", "registratie": ""}
    url = body["url"]
    with_values = api.patch(url, {"opschorting": {"indicatie": True, "reden": "wacht"},
                                  "processobject": {"datumkenmerk": "d", "identificatie": "i", "objecttype": "o",
                                                    "registratie": "r"}})
    assert with_values.json()["opschorting"] == {"indicatie": True, "reden": "wacht"}
    assert api.put(url, _put_body(body, opschorting=None)).status_code == 200
    verlengd = api.patch(url, {"verlenging": {"reden": "advies", "duur": "P1W"}}).json()
    assert verlengd["verlenging"] == {"reden": "advies", "duur": "P1W"}
    cleared = api.patch(url, {"opschorting": None, "verlenging": None, "processobject": None}).json()
    assert cleared["opschorting"] == {"indicatie": False, "reden": ""}
    assert cleared["verlenging"] is None
    assert cleared["processobject"]["identificatie"] == ""


def test_zrc_012_a_group_of_the_wrong_type_is_invalid(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, opschorting="ja"))
    assert invalid_params(response) == [("opschorting", "invalid")]
    response = api.post(ZAKEN, zaak_body(zaaktype, verlenging={"reden": "r", "duur": "twee weken"}))
    assert invalid_params(response) == [("verlenging.duur", "invalid")]


# ---- zrc-013: hoofdzaak ------------------------------------------------------------------------------------


def test_zrc_013a_hoofdzaak_that_is_no_zaak_of_this_api(api, zaaktype, zaak, mock_host):
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=f"{mock_host}/200")))[0] == (
        "hoofdzaak", "no_match")
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=zaaktype_url(zaaktype))))[0] == (
        "hoofdzaak", "incorrect_match")
    missing = f"{BASE}{ZAKEN}/00000000-0000-0000-0000-000000000000"
    assert invalid_params(api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=missing)))[0] == ("hoofdzaak", "does_not_exist")
    assert Zaak.objects.count() == 1


def test_zrc_013b_hoofdzaak_may_not_be_a_deelzaak(api, zaaktype, zaak):
    deelzaak = api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=zaak["url"])).json()
    response = api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=deelzaak["url"]))
    assert response.status_code == 400
    assert invalid_params(response)[0] == ("hoofdzaak", "deelzaak-als-hoofdzaak")


def test_zrc_013c_d_a_zaak_is_not_its_own_hoofdzaak(api, zaak):
    put = api.put(zaak["url"], _put_body(zaak, hoofdzaak=zaak["url"]))
    assert invalid_params(put)[0] == ("hoofdzaak", "self-forbidden")
    patch = api.patch(zaak["url"], {"hoofdzaak": zaak["url"]})
    assert invalid_params(patch)[0] == ("hoofdzaak", "self-forbidden")
    assert Zaak.objects.get().hoofdzaak_id is None


def test_zrc_013_a_zaak_with_deelzaken_cannot_become_a_deelzaak(api, zaaktype, zaak):
    api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=zaak["url"]))
    other = api.post(ZAKEN, zaak_body(zaaktype)).json()
    response = api.patch(zaak["url"], {"hoofdzaak": other["url"]})
    assert invalid_params(response)[0] == ("hoofdzaak", "zaak-heeft-deelzaken")


def test_zrc_013e_f_g_valid_hoofdzaak(api, zaaktype, zaak):
    created = api.post(ZAKEN, zaak_body(zaaktype, hoofdzaak=zaak["url"]))
    assert created.status_code == 201 and created.json()["hoofdzaak"] == zaak["url"]
    deel = created.json()
    assert api.get(zaak["url"]).json()["deelzaken"] == [deel["url"]]
    assert api.put(deel["url"], _put_body(deel, hoofdzaak=zaak["url"])).status_code == 200
    assert api.patch(deel["url"], {"hoofdzaak": zaak["url"]}).status_code == 200
    released = api.patch(deel["url"], {"hoofdzaak": None})
    assert released.json()["hoofdzaak"] is None
    assert api.get(zaak["url"]).json()["deelzaken"] == []


# ---- zrc-014: betalingsindicatie --------------------------------------------------------------------------


def test_zrc_014a_b_c_nvt_with_a_laatste_betaaldatum_is_refused(api, zaaktype, zaak):
    fields = {"betalingsindicatie": "nvt", "laatsteBetaaldatum": "2019-03-29T12:00:00"}
    for response in (api.post(ZAKEN, zaak_body(zaaktype, **fields)),
                     api.put(zaak["url"], _put_body(zaak, **fields)),
                     api.patch(zaak["url"], fields)):
        assert response.status_code == 400
        assert invalid_params(response)[0] == ("laatsteBetaaldatum", "betaling-nvt")
    assert Zaak.objects.count() == 1


def test_zrc_014_laatste_betaaldatum_later_on_an_nvt_zaak_is_refused(api, zaak):
    api.patch(zaak["url"], {"betalingsindicatie": "nvt"})
    response = api.patch(zaak["url"], {"laatsteBetaaldatum": "2019-03-29T12:00:00Z"})
    assert invalid_params(response)[0] == ("laatsteBetaaldatum", "betaling-nvt")


def test_zrc_014d_e_changing_to_nvt_empties_laatste_betaaldatum(api, zaak):
    paid = api.patch(zaak["url"], {"betalingsindicatie": "geheel", "laatsteBetaaldatum": "2019-03-29T12:00:00"})
    assert paid.status_code == 200
    assert paid.json()["laatsteBetaaldatum"].startswith("2019-03-29T12:00:00")  # naive: Europe/Amsterdam
    assert paid.json()["betalingsindicatieWeergave"] == "De met de zaak gemoeide kosten zijn geheel betaald."
    put = api.put(zaak["url"], _put_body(zaak, betalingsindicatie="nvt"))
    assert put.json()["betalingsindicatie"] == "nvt" and put.json()["laatsteBetaaldatum"] is None
    api.patch(zaak["url"], {"betalingsindicatie": "geheel", "laatsteBetaaldatum": "2019-03-29T12:00:00"})
    patch = api.patch(zaak["url"], {"betalingsindicatie": "nvt"})
    assert patch.json()["laatsteBetaaldatum"] is None
    assert Zaak.objects.get().laatste_betaaldatum is None


def test_zrc_014_laatste_betaaldatum_not_in_the_future(api, zaaktype):
    future = (timezone.now() + dt.timedelta(days=2)).isoformat()
    response = api.post(ZAKEN, zaak_body(zaaktype, betalingsindicatie="geheel", laatsteBetaaldatum=future))
    assert invalid_params(response) == [("laatsteBetaaldatum", "future_not_allowed")]
    now = timezone.now().isoformat()
    assert api.post(ZAKEN, zaak_body(zaaktype, betalingsindicatie="geheel", laatsteBetaaldatum=now)).status_code == 201


# ---- zrc-015: productenOfDiensten ------------------------------------------------------------------------


def test_zrc_015a_b_c_producten_not_of_the_zaaktype_are_refused(api, zaaktype, zaak):
    wrong = [zaak["url"]]
    for response in (api.post(ZAKEN, zaak_body(zaaktype, productenOfDiensten=wrong)),
                     api.put(zaak["url"], _put_body(zaak, productenOfDiensten=wrong)),
                     api.patch(zaak["url"], {"productenOfDiensten": wrong})):
        assert response.status_code == 400
        assert invalid_params(response)[0] == ("productenOfDiensten", "invalid-products-services")


def test_zrc_015d_e_f_producten_of_the_zaaktype(api, zaaktype, zaak):
    valid = ["https://producten.example/vergunning"]
    assert api.post(ZAKEN, zaak_body(zaaktype, productenOfDiensten=valid)).json()["productenOfDiensten"] == valid
    assert api.put(zaak["url"], _put_body(zaak, productenOfDiensten=valid)).status_code == 200
    assert api.patch(zaak["url"], {"productenOfDiensten": []}).json()["productenOfDiensten"] == []


# ---- zrc-022: archiefstatus of the zaak ---------------------------------------------------------------


def test_zrc_022a_archiefstatus_defaults_to_nog_te_archiveren(api, zaak):
    assert zaak["archiefstatus"] == "nog_te_archiveren"


@pytest.mark.parametrize("archiefstatus", ["gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen"])
def test_zrc_022d_g_h_another_archiefstatus_needs_nominatie_and_actiedatum(api, zaak, archiefstatus):
    put = api.put(zaak["url"], _put_body(zaak, archiefstatus=archiefstatus))
    assert invalid_params(put) == [("archiefnominatie", "archiefnominatie-not-set"),
                                   ("archiefactiedatum", "archiefactiedatum-not-set")]
    assert invalid_params(api.patch(zaak["url"], {"archiefstatus": archiefstatus}))[0] == (
        "archiefnominatie", "archiefnominatie-not-set")
    patch = api.patch(zaak["url"], {"archiefstatus": archiefstatus, "archiefnominatie": "blijvend_bewaren"})
    assert invalid_params(patch) == [("archiefactiedatum", "archiefactiedatum-not-set")]
    ok = api.put(zaak["url"], _put_body(zaak, archiefstatus=archiefstatus, archiefnominatie="blijvend_bewaren",
                                        archiefactiedatum="2020-01-01"))
    assert ok.status_code == 200 and ok.json()["archiefstatus"] == archiefstatus
    # and it stays consistent: the actiedatum cannot be taken away while archived
    assert invalid_params(api.patch(zaak["url"], {"archiefactiedatum": None})) == [
        ("archiefactiedatum", "archiefactiedatum-not-set")]


def test_zrc_022b_c_own_documents_must_be_archived_first(api, zaak, recording_documenten):
    from zaakwerk.zaken.models import ZaakInformatieObject

    io = f"{BASE}/documenten/api/v1/enkelvoudiginformatieobjecten/00000000-0000-0000-0000-000000000001"
    ZaakInformatieObject.objects.create(zaak_id=zaak["uuid"], informatieobject=io)
    response = api.patch(zaak["url"], {"archiefstatus": "gearchiveerd"})
    assert invalid_params(response)[0] == ("archiefstatus", "documents-not-archived")
    assert recording_documenten.calls == [("niet_gearchiveerd", [io])]
    recording_documenten.archived.add(io)
    ok = api.patch(zaak["url"], {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen",
                                 "archiefactiedatum": "2030-01-01"})
    assert ok.status_code == 200


def test_zrc_022b_c_foreign_documents_are_fetched(api, zaak, remote):
    from zaakwerk.zaken.models import ZaakInformatieObject

    io = remote.add("/documenten/api/v1/enkelvoudiginformatieobjecten/1", {"status": "definitief"})
    ZaakInformatieObject.objects.create(zaak_id=zaak["uuid"], informatieobject=io)
    archive = {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen", "archiefactiedatum": "2030-01-01"}
    assert invalid_params(api.patch(zaak["url"], archive))[0] == ("archiefstatus", "documents-not-archived")
    remote.add("/documenten/api/v1/enkelvoudiginformatieobjecten/1", {"status": "gearchiveerd"})
    assert api.patch(zaak["url"], archive).status_code == 200


def test_zrc_022_create_with_another_archiefstatus(api, zaaktype):
    response = api.post(ZAKEN, zaak_body(zaaktype, archiefstatus="overgedragen"))
    assert invalid_params(response) == [("archiefnominatie", "archiefnominatie-not-set"),
                                        ("archiefactiedatum", "archiefactiedatum-not-set")]
    ok = api.post(ZAKEN, zaak_body(zaaktype, archiefstatus="overgedragen", archiefnominatie="vernietigen",
                                   archiefactiedatum="2030-01-01"))
    assert ok.status_code == 201


# ---- RSIN ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["bronorganisatie", "verantwoordelijkeOrganisatie"])
@pytest.mark.parametrize("value, code", [("12345678", "invalid-length"), ("12345678a", "only-digits"),
                                         ("123456789", "invalid")])
def test_rsin_11_proof(api, zaaktype, field, value, code):
    response = api.post(ZAKEN, zaak_body(zaaktype, **{field: value}))
    assert response.status_code == 400
    assert invalid_params(response) == [(field, code)]
    assert not Zaak.objects.exists()


def test_rsin_000000000_passes_the_11_proof(api, zaaktype):
    # the conformance suite's bronorganisatie
    assert api.post(ZAKEN, zaak_body(zaaktype, bronorganisatie="000000000",
                                     verantwoordelijkeOrganisatie="000000000")).status_code == 201


# ---- the suite's own zaak body ------------------------------------------------------------------------------


def test_conformance_suite_zaak_body_is_accepted(api, zaaktype, settings):
    """zrc-001a's body: an unknown field (laatsteBetaalDatum), a Point geometry and an opschorting
    on a zaaktype that does not allow one (see ZAAKWERK_STRICT_OPSCHORTING_VERLENGING)."""
    settings.ZAAKWERK_STRICT_OPSCHORTING_VERLENGING = False
    zaaktype.opschorting_en_aanhouding_mogelijk = False
    zaaktype.save()
    klasse = "http://testserver/referentielijsten/api/v1/resultaten/" + _a_resultaat()
    body = {
        "bronorganisatie": "000000000", "omschrijving": "string", "toelichting": "string",
        "registratiedatum": "2019-04-09", "verantwoordelijkeOrganisatie": "000000000",
        "zaaktype": zaaktype_url(zaaktype), "startdatum": "2019-04-09", "einddatumGepland": "2019-04-20",
        "uiterlijkeEinddatumAfdoening": "2019-04-09", "publicatiedatum": "2019-04-09",
        "vertrouwelijkheidaanduiding": "openbaar", "betalingsindicatie": "geheel", "laatsteBetaalDatum": "2019-01-01",
        "zaakgeometrie": {"type": "Point", "coordinates": [53, 5]},
        "opschorting": {"indicatie": True, "reden": "string"},
        "selectielijstklasse": klasse, "archiefstatus": "nog_te_archiveren",
    }
    response = api.post(ZAKEN, body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["einddatumGepland"] == "2019-04-20" and data["uiterlijkeEinddatumAfdoening"] == "2019-04-09"
    assert data["registratiedatum"] == "2019-04-09" and data["selectielijstklasse"] == klasse


def _a_resultaat() -> str:
    from zaakwerk.referentielijsten.data import lists

    return next(iter(lists().resultaten.values()))["url"].split("/")[-1]


def test_selectielijstklasse_must_be_a_selectielijst_resultaat(api, zaaktype, mock_host):
    response = api.post(ZAKEN, zaak_body(zaaktype, selectielijstklasse=f"{mock_host}/404"))
    assert invalid_params(response) == [("selectielijstklasse", "bad-url")]
    response = api.post(ZAKEN, zaak_body(zaaktype, selectielijstklasse=communicatiekanaal_url()))
    assert invalid_params(response) == [("selectielijstklasse", "invalid-resource")]


def test_domain_accepts_local_objects(zaaktype):
    """Other adapters (UI, forms) pass objects rather than URLs."""
    hoofd = make_zaak(zaaktype)
    deel = make_zaak(zaaktype, hoofdzaak=hoofd)
    assert deel.hoofdzaak_id == hoofd.pk and zaak_url(hoofd).endswith(str(hoofd.pk))
