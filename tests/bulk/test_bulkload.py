"""``zaakwerk bulkload`` fills the database with data the APIs serve as valid: loaded through the
command (300 zaken over 6 zaaktypen, 300 documents, batches of 100), then read back through the
Zaken, Documenten and Catalogi APIs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.storage import default_storage

from zaakwerk.core.models import OutboxMessage
from zaakwerk.core.validators import add_duration, elfproef
from zaakwerk.zaken.models import Status, Zaak

from .conftest import BRON, DRC, SMALL, ZRC, ZTC, all_pages, path

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaken(api, municipality) -> list[dict]:
    return all_pages(api, f"{ZRC}/zaken")


def by_url(items: list[dict]) -> dict:
    return {item["url"]: item for item in items}


def test_the_command_reports_what_it_loaded(municipality):
    assert "300 zaken over 6 zaaktypen, 300 documenten" in municipality
    assert re.search(r"Klaar: 300 zaken en 300 documenten \([\d,]+ rijen\)", municipality)
    assert municipality.count("zaken/s") >= 4  # a progress line per batch of 100 and the summary


def test_list_counts_through_the_apis(api, municipality, zaken):
    assert len(zaken) == SMALL["zaken"] == len({z["identificatie"] for z in zaken})
    documenten = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten")
    assert len(documenten) == SMALL["documenten"] == len({d["identificatie"] for d in documenten})
    zaaktypen = all_pages(api, f"{ZTC}/zaaktypen")
    bulk = [zt for zt in zaaktypen if zt["identificatie"].startswith("BULK-")]
    assert len(bulk) == SMALL["zaaktypen"] and not any(zt["concept"] for zt in bulk)
    assert {z["zaaktype"] for z in zaken} == {zt["url"] for zt in bulk}  # every zaaktype is used
    # one zaakinformatieobject per document, mirrored as an objectinformatieobject (zrc-005)
    zios = all_pages(api, f"{ZRC}/zaakinformatieobjecten")
    assert sorted(z["informatieobject"] for z in zios) == sorted(d["url"] for d in documenten)
    oios = all_pages(api, f"{DRC}/objectinformatieobjecten")
    assert sorted((o["informatieobject"], o["object"]) for o in oios) == \
        sorted((z["informatieobject"], z["zaak"]) for z in zios)
    assert len(all_pages(api, f"{ZRC}/statussen")) == Status.objects.count() >= 300


def test_every_zaak_is_consistent_with_its_parts(api, zaken):
    zaaktypen = by_url(all_pages(api, f"{ZTC}/zaaktypen"))
    statustypen = by_url(all_pages(api, f"{ZTC}/statustypen"))
    statussen = all_pages(api, f"{ZRC}/statussen")
    rollen = all_pages(api, f"{ZRC}/rollen")
    zaakobjecten = all_pages(api, f"{ZRC}/zaakobjecten")
    closed = 0
    for zaak in zaken:
        zaaktype = zaaktypen[zaak["zaaktype"]]
        own = sorted((s for s in statussen if s["zaak"] == zaak["url"]), key=lambda s: s["datumStatusGezet"])
        assert own and zaak["status"] == own[-1]["url"], zaak["identificatie"]  # the latest status is current
        volgnummers = [statustypen[s["statustype"]]["volgnummer"] for s in own]
        assert volgnummers == list(range(1, len(own) + 1))
        eind = statustypen[own[-1]["statustype"]]["isEindstatus"]
        assert (zaak["einddatum"] is not None) == eind
        start = dt.date.fromisoformat(zaak["startdatum"])
        assert zaak["einddatumGepland"] == add_duration(start, zaaktype["servicenorm"]).isoformat()
        assert zaak["uiterlijkeEinddatumAfdoening"] == add_duration(start, zaaktype["doorlooptijd"]).isoformat()
        assert zaak["vertrouwelijkheidaanduiding"] == zaaktype["vertrouwelijkheidaanduiding"]
        assert sorted(zaak["rollen"]) == sorted(r["url"] for r in rollen if r["zaak"] == zaak["url"])
        assert sorted(zaak["zaakobjecten"]) == sorted(o["url"] for o in zaakobjecten if o["zaak"] == zaak["url"])
        assert zaak["zaakgeometrie"]["type"] == "Point"
        closed += eind
    assert 0 < closed < len(zaken)  # open and closed zaken


def test_zaak_detail_shows_rollen_eigenschappen_and_zaakobjecten(api, zaken):
    zaaktypen = by_url(all_pages(api, f"{ZTC}/zaaktypen"))
    for zaak in zaken[:40]:
        detail = api.get(path(zaak["url"]))
        assert detail.status_code == 200
        detail = detail.json()
        assert detail == zaak
        initiator = [api.get(path(url)).json() for url in detail["rollen"]]
        initiator = [r for r in initiator if r["omschrijvingGeneriek"] == "initiator"]
        assert len(initiator) == 1 and initiator[0]["betrokkeneType"] == "natuurlijk_persoon"
        assert elfproef(initiator[0]["betrokkeneIdentificatie"]["inpBsn"])
        eigenschappen = api.get(path(zaak["url"]) + "/zaakeigenschappen").json()
        assert sorted(e["url"] for e in eigenschappen) == sorted(detail["eigenschappen"])
        allowed = {e for e in zaaktypen[zaak["zaaktype"]]["eigenschappen"]}
        assert eigenschappen and all(e["eigenschap"] in allowed for e in eigenschappen)
        (zaakobject,) = [api.get(path(url)).json() for url in detail["zaakobjecten"]]
        assert zaakobject["objectType"] in ("adres", "pand") and zaakobject["objectIdentificatie"]["identificatie"]
        assert zaakobject["zaakobjecttype"] in zaaktypen[zaak["zaaktype"]]["zaakobjecttypen"]


def test_the_bsn_filter_finds_the_zaken_of_a_citizen(api, zaken):
    rollen = all_pages(api, f"{ZRC}/rollen", {"betrokkeneType": "natuurlijk_persoon"})
    by_bsn: dict = {}
    for rol in rollen:
        by_bsn.setdefault(rol["betrokkeneIdentificatie"]["inpBsn"], set()).add(rol["zaak"])
    bsn, expected = max(by_bsn.items(), key=lambda item: len(item[1]))
    assert len(expected) >= 2  # a citizen with several zaken
    found = all_pages(api, f"{ZRC}/zaken", {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn})
    assert {z["url"] for z in found} == expected
    other = next(b for b in by_bsn if b != bsn)
    found = all_pages(api, f"{ZRC}/zaken", {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": other})
    assert {z["url"] for z in found} == by_bsn[other]


def test_zaakgeometrie_searches_find_the_zaken_by_their_bounding_box(api, zaken):
    zaak = zaken[0]
    x, y = zaak["zaakgeometrie"]["coordinates"]
    around = {"type": "Polygon", "coordinates": [[[x - 1e-4, y - 1e-4], [x + 1e-4, y - 1e-4], [x + 1e-4, y + 1e-4],
                                                  [x - 1e-4, y + 1e-4], [x - 1e-4, y - 1e-4]]]}
    response = api.post("/zaken/api/v1/zaken/_zoek", {"zaakgeometrie": {"within": around}})
    assert response.status_code == 200, response.content
    assert zaak["url"] in {z["url"] for z in response.json()["results"]}
    stored = Zaak.objects.get(pk=zaak["uuid"])
    assert (stored.geometrie_min_x, stored.geometrie_min_y, stored.geometrie_max_x, stored.geometrie_max_y) == (x, y, x, y)


def test_closed_zaken_have_a_resultaat_and_archive_parameters(api, zaken):
    resultaattypen = by_url(all_pages(api, f"{ZTC}/resultaattypen"))
    seen = set()
    for zaak in zaken:
        if zaak["einddatum"] is None:
            assert zaak["resultaat"] is None and zaak["archiefnominatie"] is None
            continue
        resultaat = api.get(path(zaak["resultaat"])).json()
        resultaattype = resultaattypen[resultaat["resultaattype"]]
        assert resultaattype["zaaktype"] == zaak["zaaktype"]
        assert zaak["archiefnominatie"] == resultaattype["archiefnominatie"]
        brondatum = resultaattype["brondatumArchiefprocedure"]
        wijze = brondatum["afleidingswijze"]
        einddatum = dt.date.fromisoformat(zaak["einddatum"])
        if wijze == "afgehandeld":
            bron = einddatum
        elif wijze == "termijn":
            bron = add_duration(einddatum, brondatum["procestermijn"])
        else:
            assert wijze == "eigenschap"
            eigenschappen = api.get(path(zaak["url"]) + "/zaakeigenschappen").json()
            (waarde,) = [e["waarde"] for e in eigenschappen if e["naam"] == brondatum["datumkenmerk"]]
            bron = dt.datetime.strptime(waarde, "%Y%m%d").date()
        assert zaak["archiefactiedatum"] == add_duration(bron, resultaattype["archiefactietermijn"]).isoformat()
        seen.add(wijze)
    assert seen == {"afgehandeld", "termijn", "eigenschap"}  # every kind of derivation is exercised


def test_documents_download_with_their_content(api, municipality):
    documenten = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten")
    for document in documenten[:25]:
        response = api.get(path(document["inhoud"]), headers={"Accept": "application/octet-stream"})
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert len(content) == document["bestandsomvang"] and 1024 <= len(content) <= 4096
        iot = api.get(path(document["informatieobjecttype"])).json()
        assert content.startswith(iot["omschrijving"].encode())
        assert document["versie"] == 1 and document["locked"] is False
        assert document["indicatieGebruiksrecht"] is False
        assert document["vertrouwelijkheidaanduiding"] == iot["vertrouwelijkheidaanduiding"]  # drc-007
    names = default_storage.listdir("documenten")[0]
    assert len(names) == len(documenten)  # one stored file per document, nothing left over


def test_a_normal_create_after_the_load_gets_a_fresh_identificatie(api, zaken):
    numbers = {z["identificatie"] for z in zaken}
    response = api.post("/zaken/api/v1/zaken", {
        "bronorganisatie": BRON, "verantwoordelijkeOrganisatie": BRON, "zaaktype": zaken[0]["zaaktype"],
        "startdatum": "2025-01-02"})
    assert response.status_code == 201, response.json()
    fresh = response.json()["identificatie"]
    assert fresh not in numbers
    assert fresh == max(numbers, key=lambda n: int(n.rsplit("-", 1)[-1])).rsplit("-", 1)[0] + \
        f"-{int(max(int(n.rsplit('-', 1)[-1]) for n in numbers)) + 1:010d}"  # the next of the same series


def test_a_normal_document_after_the_load_gets_a_fresh_identificatie(api, municipality):
    documenten = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten")
    response = api.post("/documenten/api/v1/enkelvoudiginformatieobjecten", {
        "bronorganisatie": BRON, "creatiedatum": "2025-01-02", "titel": "na de bulkload", "auteur": "test",
        "taal": "nld", "informatieobjecttype": documenten[0]["informatieobjecttype"]})
    assert response.status_code == 201, response.json()
    assert response.json()["identificatie"] not in {d["identificatie"] for d in documenten}


def test_the_audit_trail_has_the_create_entry_and_no_notifications_were_sent(api, zaken):
    for zaak in zaken[:10]:
        trail = api.get(path(zaak["url"]) + "/audittrail").json()
        assert len(trail) == 1
        (entry,) = trail
        assert entry["actie"] == "create" and entry["resource"] == "zaak" and entry["resultaat"] == 201
        assert entry["toelichting"].startswith("Bulkimport")
        assert entry["resourceUrl"] == zaak["url"] == entry["hoofdObject"]
        nieuw = entry["wijzigingen"]["nieuw"]
        # the zaak as the API shows it, its parts included; its documents were related afterwards
        assert nieuw["zaakinformatieobjecten"] == [] and len(zaak["zaakinformatieobjecten"]) >= 1
        assert {**nieuw, "zaakinformatieobjecten": zaak["zaakinformatieobjecten"]} == zaak
    document = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten")[0]
    (entry,) = api.get(path(document["url"]) + "/audittrail").json()
    assert entry["actie"] == "create" and entry["toelichting"].startswith("Bulkimport")
    assert entry["wijzigingen"]["nieuw"]["identificatie"] == document["identificatie"]
    assert not OutboxMessage.objects.filter(kanaal__in=["zaken", "documenten"]).exists()


def test_a_bulk_related_document_is_held_by_its_relation(api, zaken):
    zio = all_pages(api, f"{ZRC}/zaakinformatieobjecten")[0]
    refused = api.delete(path(zio["informatieobject"]))  # drc-008: its objectinformatieobject holds it
    assert refused.status_code == 400 and refused.json()["invalidParams"][0]["code"] == "pending-relations"
    assert api.delete(path(zio["url"])).status_code == 204  # the normal path removes relation and mirror
    assert api.delete(path(zio["informatieobject"])).status_code == 204


def test_a_second_run_reuses_the_catalogue(api, municipality):
    from django.core.management import call_command
    import io

    call_command("bulkload", zaken=20, zaaktypen=6, documenten=0, batch=10, seed=8, base_url="http://testserver",
                 stdout=io.StringIO())
    zaaktypen = [zt for zt in all_pages(api, f"{ZTC}/zaaktypen") if zt["identificatie"].startswith("BULK-")]
    assert len(zaaktypen) == 6
    assert len(all_pages(api, f"{ZRC}/zaken")) == 320


def test_authorisation_sees_the_zaken_by_zaaktype_and_vertrouwelijkheid(client_for, api, zaken):
    zaaktypen = by_url(all_pages(api, f"{ZTC}/zaaktypen"))
    url, zaaktype = next((u, zt) for u, zt in zaaktypen.items() if zt["vertrouwelijkheidaanduiding"] == "vertrouwelijk")
    expected = {z["url"] for z in zaken if z["zaaktype"] == url}
    assert expected
    allowed = client_for([{"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": url,
                           "max_vertrouwelijkheidaanduiding": "vertrouwelijk"}])
    assert {z["url"] for z in all_pages(allowed, f"{ZRC}/zaken")} == expected
    below = client_for([{"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": url,
                         "max_vertrouwelijkheidaanduiding": "zaakvertrouwelijk"}])
    assert all_pages(below, f"{ZRC}/zaken") == []  # the rank kept on the zaak is the zaaktype's


def test_document_filters_and_authorisation_use_the_copied_columns(api, api_for, municipality):
    documenten = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten")
    document = next(d for d in documenten if d["vertrouwelijkheidaanduiding"] != "openbaar")
    found = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten",
                      {"identificatie": document["identificatie"], "bronorganisatie": BRON})
    assert [d["url"] for d in found] == [document["url"]]
    found = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten", {"trefwoorden": document["trefwoorden"][0]})
    assert {d["url"] for d in found} == {d["url"] for d in documenten if document["trefwoorden"][0] in d["trefwoorden"]}
    zio = all_pages(api, f"{ZRC}/zaakinformatieobjecten", {"informatieobject": document["url"]})[0]
    found = all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten", {"objectinformatieobjecten_object": zio["zaak"]})
    assert document["url"] in {d["url"] for d in found}
    iot = document["informatieobjecttype"]
    vertrouwelijkheid = document["vertrouwelijkheidaanduiding"]
    allowed = api_for([{"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": iot,
                               "max_vertrouwelijkheidaanduiding": vertrouwelijkheid}])
    assert {d["url"] for d in all_pages(allowed, f"{DRC}/enkelvoudiginformatieobjecten")} == \
        {d["url"] for d in documenten if d["informatieobjecttype"] == iot}
    below = api_for([{"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": iot,
                             "max_vertrouwelijkheidaanduiding": "openbaar"}])
    assert {d["url"] for d in all_pages(below, f"{DRC}/enkelvoudiginformatieobjecten")} == \
        {d["url"] for d in documenten if d["informatieobjecttype"] == iot and d["vertrouwelijkheidaanduiding"] == "openbaar"}


@pytest.mark.skipif("sqlite" in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
                    reason="needs PostgreSQL (set DATABASE_URL=postgres://...; CI does): the worker processes "
                           "need a database they can share")
@pytest.mark.django_db(transaction=True)
def test_two_workers_load_the_same_data_as_one(api):
    import io

    from django.core.management import call_command

    from .conftest import NOW

    def load(workers: int) -> list[tuple]:
        call_command("bulkload", zaken=120, zaaktypen=4, documenten=60, batch=25, seed=5, workers=workers,
                     now=NOW.isoformat(), base_url="http://testserver", stdout=io.StringIO())
        zaken = all_pages(api, f"{ZRC}/zaken")
        assert len(zaken) == len({z["identificatie"] for z in zaken})
        return sorted((z["startdatum"], z["omschrijving"], z["einddatum"], z["archiefactiedatum"]) for z in zaken)

    one = load(1)
    both = load(2)
    assert len(one) == 120 and len(both) == 240
    assert sorted(one + one) == both  # the second load, by two processes, made the same zaken again
    assert len(all_pages(api, f"{DRC}/enkelvoudiginformatieobjecten")) == 120
    assert len(all_pages(api, f"{ZRC}/zaakinformatieobjecten")) == 120
