"""The bulk paths keep the rules of the normal writes: a bulk zaak equals the zaak the APIs build
from the same data step by step; invalid input is refused per batch with every problem named by
its position, and nothing of a refused batch is written (rows, identificatie series, files)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.files.storage import default_storage

from zaakwerk.bulkload.catalogue import ensure_catalogue
from zaakwerk.bulkload.generator import Municipality
from zaakwerk.core.errors import ValidationFailed
from zaakwerk.documenten.domain.bulk import bulk_create_documenten
from zaakwerk.documenten.models import DocumentIdentificatieReeks, EnkelvoudigInformatieObject
from zaakwerk.zaken.domain.bulk import bulk_create_zaakinformatieobjecten, bulk_create_zaken
from zaakwerk.zaken.models import Rol, Status, Zaak, ZaakIdentificatieReeks, ZaakInformatieObject

from .conftest import BRON, NOW, ZRC, ZTC, all_pages, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(system):
    return ensure_catalogue(system, 6)


def world(catalogue, seed: int = 3, zaken: int = 100) -> Municipality:
    return Municipality(catalogue, seed=seed, zaken=zaken, bronorganisatie=BRON, now=NOW)


def generated(catalogue, count: int, *, closed: bool | None = None, code: str | None = None, seed: int = 3):
    """``count`` generated zaken (items), optionally only closed/open ones or of one process."""
    w, out = world(catalogue, seed), []
    while len(out) < count:
        item, plan = w.zaak()
        if (closed is None or plan.closed == closed) and (code is None or plan.parts.process.code == code):
            out.append(item)
    return out


def codes(exc: pytest.ExceptionInfo) -> set[tuple[str, str]]:
    return {(p.name, p.code) for p in exc.value.params}


# ---- the same zaak through the normal path --------------------------------------------------------


def replay(api, zaak: dict) -> dict:
    """Create the zaak again through the APIs, part by part in the order the import stands for
    (zaak; rollen, zaakobjecten, eigenschappen, resultaat; statussen), with the stored values."""
    body = {key: zaak[key] for key in ("bronorganisatie", "verantwoordelijkeOrganisatie", "zaaktype", "startdatum",
                                       "registratiedatum", "omschrijving", "toelichting", "zaakgeometrie")}
    response = api.post("/zaken/api/v1/zaken", body)
    assert response.status_code == 201, response.json()
    again = response.json()
    for url in zaak["rollen"]:
        rol = api.get(path(url)).json()
        response = api.post("/zaken/api/v1/rollen", {
            "zaak": again["url"], **{k: rol[k] for k in ("betrokkeneType", "roltype", "roltoelichting",
                                                         "betrokkeneIdentificatie")}})
        assert response.status_code == 201, response.json()
    for url in zaak["zaakobjecten"]:
        obj = api.get(path(url)).json()
        response = api.post("/zaken/api/v1/zaakobjecten", {
            "zaak": again["url"], **{k: obj[k] for k in ("objectType", "objectIdentificatie", "zaakobjecttype",
                                                         "relatieomschrijving")}})
        assert response.status_code == 201, response.json()
    for eigenschap in api.get(path(zaak["url"]) + "/zaakeigenschappen").json():
        response = api.post(path(again["url"]) + "/zaakeigenschappen", {
            "zaak": again["url"], "eigenschap": eigenschap["eigenschap"], "waarde": eigenschap["waarde"]})
        assert response.status_code == 201, response.json()
        assert "X-Warning" not in response.headers  # the value matches its specificatie
    if zaak["resultaat"]:
        resultaat = api.get(path(zaak["resultaat"])).json()
        response = api.post("/zaken/api/v1/resultaten", {"zaak": again["url"],
                                                         "resultaattype": resultaat["resultaattype"]})
        assert response.status_code == 201, response.json()
    statussen = all_pages(api, f"{ZRC}/statussen", {"zaak": zaak["url"]})
    for status in sorted(statussen, key=lambda s: s["datumStatusGezet"]):
        response = api.post("/zaken/api/v1/statussen", {
            "zaak": again["url"], "statustype": status["statustype"], "datumStatusGezet": status["datumStatusGezet"],
            "statustoelichting": status["statustoelichting"]})
        assert response.status_code == 201, response.json()
    return api.get(path(again["url"])).json()


DERIVED = ("einddatum", "einddatumGepland", "uiterlijkeEinddatumAfdoening", "vertrouwelijkheidaanduiding",
           "archiefnominatie", "archiefactiedatum", "archiefstatus", "startdatum", "registratiedatum",
           "zaakgeometrie", "opschorting", "verlenging", "betalingsindicatie", "bronorganisatie", "zaaktype")


def test_a_bulk_zaak_equals_the_zaak_the_normal_path_builds(api, municipality):
    zaken = all_pages(api, f"{ZRC}/zaken")
    resultaattypen = {rt["url"]: rt for rt in all_pages(api, f"{ZTC}/resultaattypen")}
    picked: dict = {}
    for zaak in zaken:  # a closed zaak of every archive derivation, and an open zaak
        if zaak["resultaat"] is None:
            picked.setdefault("open", zaak)
            continue
        rt = resultaattypen[api.get(path(zaak["resultaat"])).json()["resultaattype"]]
        picked.setdefault(rt["brondatumArchiefprocedure"]["afleidingswijze"], zaak)
    assert set(picked) == {"open", "afgehandeld", "termijn", "eigenschap"}
    for zaak in picked.values():
        again = replay(api, zaak)
        assert {k: again[k] for k in DERIVED} == {k: zaak[k] for k in DERIVED}, zaak["identificatie"]
        for kind in ("rollen", "zaakobjecten", "eigenschappen"):
            assert len(again[kind]) == len(zaak[kind])
        for kind in ("rollen", "zaakobjecten"):
            assert sorted(map(repr, parts(api, zaak[kind]))) == sorted(map(repr, parts(api, again[kind])))


def parts(api, urls: list[str]) -> list[dict]:
    """The parts as the API shows them, without what names them or their zaak."""
    return [{k: v for k, v in api.get(path(url)).json().items() if k not in ("url", "uuid", "zaak", "registratiedatum")}
            for url in urls]


# ---- invalid input ----------------------------------------------------------------------------------


def test_invalid_zaken_are_refused_with_every_problem_and_nothing_is_written(system, catalogue):
    valid = generated(catalogue, 3, closed=True)
    wrong_bsn = generated(catalogue, 1, seed=4)[0]
    wrong_bsn["rollen"][0]["betrokkene_identificatie"]["inpBsn"] = "123456789"  # fails the 11-proof
    foreign_statustype = generated(catalogue, 1, seed=5)[0]
    other = next(p for p in catalogue if p.zaaktype != foreign_statustype["zaaktype"])
    foreign_statustype["statussen"][0]["statustype"] = other.statustypen[0]  # zrc-016
    no_resultaat = generated(catalogue, 1, closed=True, seed=6)[0]
    no_resultaat["resultaat"] = None  # zrc-007: closing needs a resultaat
    bad_waarde = generated(catalogue, 1, code="MOR", seed=7)[0]
    bad_waarde["eigenschappen"][0]["waarde"] = "Onbekend"  # not in the waardenverzameling
    future = generated(catalogue, 1, seed=8)[0]
    future["statussen"][-1]["datum_status_gezet"] = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    bad_rsin = generated(catalogue, 1, seed=9)[0]
    bad_rsin["bronorganisatie"] = "123456789"
    reeks = list(ZaakIdentificatieReeks.objects.values_list("laatste", flat=True))

    with pytest.raises(ValidationFailed) as exc:
        bulk_create_zaken(system, valid + [wrong_bsn, foreign_statustype, no_resultaat, bad_waarde, future, bad_rsin])
    found = codes(exc)
    assert ("3.rollen.0.betrokkeneIdentificatie.inpBsn", "invalid") in found
    assert ("4.statussen.0.nonFieldErrors", "zaaktype-mismatch") in found
    assert ("5.statussen.{}.nonFieldErrors".format(len(no_resultaat["statussen"]) - 1),
            "resultaat-does-not-exist") in found
    assert ("6.eigenschappen.0.waarde", "invalid") in found
    assert any(name.startswith("7.statussen.") and code == "date-in-future" for name, code in found)
    assert ("8.bronorganisatie", "invalid") in found
    assert not any(name.startswith(("0.", "1.", "2.")) for name, _ in found)  # the valid ones are fine
    assert not Zaak.objects.exists() and not Status.objects.exists() and not Rol.objects.exists()
    assert list(ZaakIdentificatieReeks.objects.values_list("laatste", flat=True)) == reeks

    zaken = bulk_create_zaken(system, valid)  # the valid ones alone pass
    assert len(zaken) == Zaak.objects.count() == 3


def test_an_eindstatus_must_be_the_latest_status(system, catalogue):
    (item,) = generated(catalogue, 1, closed=True)
    eind, first = item["statussen"][-1], item["statussen"][0]
    eind["datum_status_gezet"], first["datum_status_gezet"] = first["datum_status_gezet"], eind["datum_status_gezet"]
    with pytest.raises(ValidationFailed) as exc:
        bulk_create_zaken(system, [item])
    assert any(code == "eindstatus-not-latest" for _, code in codes(exc))


def test_given_identificaties_must_be_unique_also_within_the_batch(system, catalogue):
    one, two = generated(catalogue, 2)
    one["identificatie"] = two["identificatie"] = "IMPORT-1"
    with pytest.raises(ValidationFailed) as exc:
        bulk_create_zaken(system, [one, two])
    assert ("1.identificatie", "identificatie-niet-uniek") in codes(exc)
    del two["identificatie"]
    created = bulk_create_zaken(system, [one, two])
    assert created[0].identificatie == "IMPORT-1" and created[1].identificatie.startswith("ZAAK-")
    (three,) = generated(catalogue, 1, seed=11)
    three["identificatie"] = "IMPORT-1"
    with pytest.raises(ValidationFailed) as exc:
        bulk_create_zaken(system, [three])
    assert ("0.identificatie", "identificatie-niet-uniek") in codes(exc)


def test_invalid_documents_are_refused_and_their_files_removed(system, catalogue, media):
    w = world(catalogue)
    items = [w.document(None, n) for n in range(4)]
    items[1]["taal"] = "nl"  # three letters
    items[2]["indicatie_gebruiksrecht"] = True  # drc-006
    items[3]["identificatie"] = items[0]["identificatie"] = "DOC-1"
    series = list(DocumentIdentificatieReeks.objects.values_list("laatste", flat=True))
    with pytest.raises(ValidationFailed) as exc:
        bulk_create_documenten(system, items)
    assert {("1.taal", "min_length"), ("2.indicatieGebruiksrecht", "missing-gebruiksrechten"),
            ("3.identificatie", "identificatie-niet-uniek")} <= codes(exc)
    assert not EnkelvoudigInformatieObject.objects.exists()
    assert list(DocumentIdentificatieReeks.objects.values_list("laatste", flat=True)) == series
    assert not (media / "documenten").exists() or not any((media / "documenten").iterdir())


def test_a_failing_document_batch_leaves_no_files(system, catalogue, media, monkeypatch):
    w = world(catalogue)
    items = [w.document(None, n) for n in range(3)]
    from zaakwerk.documenten.domain import bulk

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(bulk.DocumentenImport, "_audit", broken)
    with pytest.raises(RuntimeError):
        bulk_create_documenten(system, items)
    assert not EnkelvoudigInformatieObject.objects.exists()
    assert sum(len(files) for _, _, files in os.walk(media)) == 0
    monkeypatch.undo()
    documents = bulk_create_documenten(system, items)
    assert sum(len(files) for _, _, files in os.walk(media)) == 3
    assert [d.identificatie for d in documents] == sorted(d.identificatie for d in documents)
    assert all(default_storage.exists(d.laatste_versie.inhoud) for d in documents)


def test_relations_keep_the_rules_of_zaakinformatieobjecten(system, catalogue):
    (open_zaak,) = bulk_create_zaken(system, generated(catalogue, 1, closed=False, code="MOR"))
    (closed_zaak,) = bulk_create_zaken(system, generated(catalogue, 1, closed=True, code="MOR", seed=12))
    w = world(catalogue)
    mor = next(p for p in catalogue if p.process.code == "MOR")
    omg = next(p for p in catalogue if p.process.code == "OMG")
    melding = w.document(None, 0) | {"informatieobjecttype": mor.informatieobjecttypen[0][0]}
    bouwtekening = w.document(None, 1) | {"informatieobjecttype": omg.informatieobjecttypen[1][0]}
    unset = w.document(None, 2) | {"informatieobjecttype": mor.informatieobjecttypen[0][0],
                                   "indicatie_gebruiksrecht": None}
    documents = bulk_create_documenten(system, [melding, bouwtekening, unset])
    urls = [f"http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/{d.pk}" for d in documents]
    with pytest.raises(ValidationFailed) as exc:
        bulk_create_zaakinformatieobjecten(system, [
            {"zaak": open_zaak, "informatieobject": urls[0]},
            {"zaak": open_zaak, "informatieobject": urls[1]},  # zrc-017: not a type of the zaaktype
            {"zaak": closed_zaak, "informatieobject": urls[2]},  # zrc-007: closed, indicatie unset
            {"zaak": open_zaak, "informatieobject": urls[0]},  # one relation per zaak and document
            {"zaak": open_zaak, "informatieobject": "http://testserver/documenten/api/v1/"
                                                    "enkelvoudiginformatieobjecten/00000000-0000-0000-0000-000000000000"},
        ])
    assert codes(exc) == {("1.nonFieldErrors", "missing-zaaktype-informatieobjecttype-relation"),
                          ("2.nonFieldErrors", "indicatiegebruiksrecht-unset"),
                          ("3.nonFieldErrors", "unique"), ("4.informatieobject", "bad-url")}
    assert not ZaakInformatieObject.objects.exists()
    zios = bulk_create_zaakinformatieobjecten(system, [{"zaak": open_zaak, "informatieobject": urls[0]}])
    assert [z.aard_relatie for z in zios] == ["hoort_bij"]
    assert list(documents[0].objectinformatieobjecten.values_list("object", "object_type")) == [
        (f"http://testserver/zaken/api/v1/zaken/{open_zaak.pk}", "zaak")]


def test_the_generator_is_deterministic_for_a_seed(catalogue):
    def sample(seed):
        w = world(catalogue, seed)
        out = []
        for _ in range(50):
            item, plan = w.zaak()
            out.append(repr(item))
            out.append(repr(w.document(plan, 0)))
        return out

    assert sample(21) == sample(21)
    assert sample(21) != sample(22)


def test_the_audit_entries_mark_the_import_with_the_actors_own_toelichting(system, catalogue):
    import dataclasses

    from zaakwerk.core.models import AuditTrail

    actor = dataclasses.replace(system, toelichting="Migratie uit zaaksysteem X")
    (zaak,) = bulk_create_zaken(actor, generated(catalogue, 1))
    (document,) = bulk_create_documenten(actor, [world(catalogue).document(None, 0)])
    assert [e.toelichting for e in AuditTrail.objects.filter(hoofd_object_uuid__in=[zaak.pk, document.pk])] == \
        ["Bulkimport: Migratie uit zaaksysteem X"] * 2
    (zaak,) = bulk_create_zaken(system, generated(catalogue, 1, seed=13))
    assert AuditTrail.objects.get(hoofd_object_uuid=zaak.pk).toelichting == "Bulkimport"
