"""Documenten API 1.7.0 ``/enkelvoudiginformatieobjecten``: drc-001, 005..011, 013, versions,
downloads, lists and ``_zoek``, authorisation, audit trail and notifications."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from zaakwerk.core.models import AuditTrail
from zaakwerk.documenten.models import (
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
)

from .documenten_support import *
from .documenten_support import (
    BASE,
    LIST,
    b64,
    body,
    codes,
    create,
    download,
    iot_url,
    lock,
    make_iot,
    notifications,
    path_of,
    stored_files,
    trail,
)

pytestmark = pytest.mark.django_db


# ---- drc-001 -------------------------------------------------------------------------------------------


def test_drc_001_informatieobjecttype_that_does_not_resolve_is_bad_url(api, iot):
    response = api.post(LIST, body(iot, informatieobjecttype="http://127.0.0.2:9/404"))
    assert response.status_code == 400
    assert codes(response)[0] == ("informatieobjecttype", "bad-url")
    local_missing = f"{BASE}/catalogi/api/v1/informatieobjecttypen/00000000-0000-4000-8000-000000000000"
    response = api.post(LIST, body(iot, informatieobjecttype=local_missing))
    assert codes(response)[0] == ("informatieobjecttype", "bad-url")
    assert not EnkelvoudigInformatieObject.objects.exists()


def test_drc_001_url_of_something_else_is_invalid_resource(api, iot):
    catalogus_url = f"{BASE}/catalogi/api/v1/catalogussen/{iot.catalogus_id}"
    response = api.post(LIST, body(iot, informatieobjecttype=catalogus_url))
    assert response.status_code == 400
    assert codes(response)[0] == ("informatieobjecttype", "invalid-resource")


def test_drc_001_concept_informatieobjecttype_is_not_published(api, system, catalogus):
    concept = make_iot(system, catalogus, "concept", publish=False)
    response = api.post(LIST, body(concept))
    assert response.status_code == 400
    assert codes(response)[0] == ("informatieobjecttype", "not-published")


def test_drc_001_also_on_update(api, iot, system, catalogus):
    doc = create(api, iot)
    concept = make_iot(system, catalogus, "concept", publish=False)
    token = lock(api, doc)
    response = api.patch(path_of(doc["url"]), {"informatieobjecttype": iot_url(concept), "lock": token})
    assert codes(response)[0] == ("informatieobjecttype", "not-published")


# ---- drc-005 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["in_bewerking", "ter_vaststelling"])
def test_drc_005_ontvangstdatum_excludes_status_on_create(api, iot, status):
    response = api.post(LIST, body(iot, status=status, ontvangstdatum="2019-01-01"))
    assert response.status_code == 400
    assert codes(response)[0] == ("status", "invalid_for_received")


@pytest.mark.parametrize("status", ["in_bewerking", "ter_vaststelling"])
def test_drc_005_ontvangstdatum_excludes_status_on_put_and_patch(api, iot, status):
    doc = create(api, iot, status=status)
    token = lock(api, doc)
    put = api.put(path_of(doc["url"]), body(iot, status=status, ontvangstdatum="2019-01-01", lock=token))
    assert codes(put)[0] == ("status", "invalid_for_received")
    # PATCH with only the date: the stored status counts
    patch = api.patch(path_of(doc["url"]), {"ontvangstdatum": "2019-01-01", "lock": token})
    assert codes(patch)[0] == ("status", "invalid_for_received")
    ok = api.patch(path_of(doc["url"]), {"ontvangstdatum": "2019-01-01", "status": "definitief", "lock": token})
    assert ok.status_code == 200, ok.json()


# ---- drc-006 / drc-007 -----------------------------------------------------------------------------------


def test_drc_006_indicatie_gebruiksrecht_is_null_and_cannot_start_true(api, iot):
    assert create(api, iot)["indicatieGebruiksrecht"] is None
    response = api.post(LIST, body(iot, indicatieGebruiksrecht=True))
    assert codes(response)[0] == ("indicatieGebruiksrecht", "missing-gebruiksrechten")


def test_drc_006_set_indicatie_gebruiksrecht_is_versionless(api, iot):
    from zaakwerk.documenten.domain.documenten import set_indicatie_gebruiksrecht

    doc = create(api, iot)
    document = EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1])
    set_indicatie_gebruiksrecht(document, True)
    again = api.get(path_of(doc["url"])).json()
    assert again["indicatieGebruiksrecht"] is True and again["versie"] == 1


def test_drc_007_vertrouwelijkheidaanduiding_defaults_from_the_informatieobjecttype(api, iot):
    assert create(api, iot)["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    assert create(api, iot, vertrouwelijkheidaanduiding="vertrouwelijk")["vertrouwelijkheidaanduiding"] == \
        "vertrouwelijk"
    doc = create(api, iot, vertrouwelijkheidaanduiding="")
    assert doc["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    token = lock(api, doc)
    patched = api.patch(path_of(doc["url"]), {"vertrouwelijkheidaanduiding": "zeer_geheim", "lock": token})
    assert patched.json()["vertrouwelijkheidaanduiding"] == "zeer_geheim"
    assert EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1]).vertrouwelijkheid_rank == 7


# ---- drc-008 -------------------------------------------------------------------------------------------


def test_drc_008_delete_refused_while_objectinformatieobjecten_exist(api, iot):
    from zaakwerk.documenten.models import ObjectInformatieObject

    doc = create(api, iot)
    document = EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1])
    ObjectInformatieObject.objects.create(informatieobject=document, object="https://zrc.example/zaken/1",
                                          object_type="zaak")
    response = api.delete(path_of(doc["url"]))
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "pending-relations")
    assert EnkelvoudigInformatieObject.objects.filter(pk=document.pk).exists()


def test_drc_008_delete_removes_every_version_its_files_and_the_audit_trail(api, iot, media,
                                                                            django_capture_on_commit_callbacks):
    doc = create(api, iot)
    token = lock(api, doc)
    api.patch(path_of(doc["url"]), {"inhoud": b64(b"tweede versie"), "lock": token})
    api.patch(path_of(doc["url"]), {"titel": "derde", "lock": token})  # shares the second file
    assert len(stored_files(media)) == 2
    uuid = doc["url"].rsplit("/", 1)[1]
    assert trail(uuid)
    with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion committed
        assert api.delete(path_of(doc["url"])).status_code == 204
    assert stored_files(media) == []
    assert not EnkelvoudigInformatieObjectVersie.objects.exists()
    assert not AuditTrail.objects.filter(hoofd_object_uuid=uuid).exists()
    assert api.get(path_of(doc["url"]) + "/audittrail").status_code == 404
    assert [n.actie for n in notifications()][-1] == "destroy"


# ---- drc-009 / drc-010 ---------------------------------------------------------------------------------------


@pytest.fixture
def limited(client_for, iot):
    # the conformance suite's lock client: lezen, bijwerken, lock; no geforceerd-unlock
    return client_for(["documenten.lezen", "documenten.bijwerken", "documenten.lock"], [iot])


def test_drc_009_update_of_an_unlocked_document_is_refused(api, limited, iot):
    doc = create(api, iot)
    put = limited.put(path_of(doc["url"]), body(iot, titel="aangepast", lock="some_incorrect_lock"))
    assert put.status_code == 400 and codes(put)[0] == ("nonFieldErrors", "unlocked")
    patch = limited.patch(path_of(doc["url"]), {"auteur": "x"})
    assert codes(patch)[0] == ("nonFieldErrors", "unlocked")


def test_drc_009_lock_then_update_needs_the_right_lock(api, limited, iot):
    doc = create(api, iot)
    response = limited.post(path_of(doc["url"]) + "/lock", "")
    assert response.status_code == 200
    token = response.json()["lock"]
    assert len(token) >= 32 and int(token, 16) >= 0  # hexadecimal, unguessable
    assert api.get(path_of(doc["url"])).json()["locked"] is True
    put = limited.put(path_of(doc["url"]), body(iot, titel="aangepast"))
    assert codes(put)[0] == ("lock", "required")
    patch = limited.patch(path_of(doc["url"]), {"titel": "x"})
    assert codes(patch)[0] == ("nonFieldErrors", "missing-lock-id")
    wrong = limited.put(path_of(doc["url"]), body(iot, titel="aangepast", lock="some_incorrect_lock_id"))
    assert codes(wrong)[0] == ("nonFieldErrors", "incorrect-lock-id")
    wrong = limited.patch(path_of(doc["url"]), {"auteur": "x", "lock": "some_incorrect_lock_id"})
    assert codes(wrong)[0] == ("nonFieldErrors", "incorrect-lock-id")
    ok = limited.put(path_of(doc["url"]), body(iot, titel="aangepast", lock=token))
    assert ok.status_code == 200 and ok.json()["titel"] == "aangepast" and ok.json()["versie"] == 2
    ok = limited.patch(path_of(doc["url"]), {"auteur": "aangepaste auteur", "lock": token})
    assert ok.json()["auteur"] == "aangepaste auteur" and ok.json()["versie"] == 3
    assert "lock" not in ok.json()


def test_drc_009_second_lock_is_refused(api, iot):
    doc = create(api, iot)
    lock(api, doc)
    again = api.post(path_of(doc["url"]) + "/lock", "")
    assert again.status_code == 400 and codes(again)[0] == ("nonFieldErrors", "existing-lock")


def test_drc_009_forced_unlock_needs_its_scope(api, limited, iot):
    doc = create(api, iot)
    lock(api, doc)
    refused = limited.post(path_of(doc["url"]) + "/unlock", "")
    assert refused.status_code == 400 and codes(refused)[0] == ("nonFieldErrors", "incorrect-lock-id")
    assert api.post(path_of(doc["url"]) + "/unlock", "").status_code == 204  # heeftAlleAutorisaties
    assert api.get(path_of(doc["url"])).json()["locked"] is False


def test_drc_009_unlock_with_the_lock(limited, api, iot):
    doc = create(api, iot)
    token = lock(limited, doc)
    assert limited.post(path_of(doc["url"]) + "/unlock", {"lock": token}).status_code == 204
    assert EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1]).lock == ""


def test_drc_009_lock_race_exactly_one_wins(api, iot):
    """Two clients race for the lock of one document: one gets it, the other ``existing-lock``
    (the conditional UPDATE decides, on SQLite and PostgreSQL alike)."""
    from zaakwerk.core.actor import Actor
    from zaakwerk.core.errors import ValidationFailed
    from zaakwerk.documenten.domain import documenten as domain

    doc = create(api, iot)
    document = EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1])
    results = []
    for _ in range(2):
        try:
            results.append(domain.lock_document(Actor.system(BASE), document))
        except ValidationFailed as exc:
            results.append(exc.params[0].code)
    assert results[1] == "existing-lock"
    assert EnkelvoudigInformatieObject.objects.get(pk=document.pk).lock == results[0]


@pytest.mark.django_db(transaction=True)
def test_drc_009_lock_race_with_threads(api, iot):
    import threading

    from django.db import connection

    from zaakwerk.core.actor import Actor
    from zaakwerk.core.errors import ValidationFailed
    from zaakwerk.documenten.domain import documenten as domain

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads need a database shared between connections")
    doc = create(api, iot)
    document = EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1])
    barrier = threading.Barrier(4)
    outcomes = []

    def race():
        from django.db import connection as own

        try:
            barrier.wait()
            outcomes.append(domain.lock_document(Actor.system(BASE), document))
        except ValidationFailed as exc:
            outcomes.append(exc.params[0].code)
        finally:
            own.close()

    threads = [threading.Thread(target=race) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [o for o in outcomes if o != "existing-lock"]
    assert len(winners) == 1 and outcomes.count("existing-lock") == 3
    assert EnkelvoudigInformatieObject.objects.get(pk=document.pk).lock == winners[0]


# ---- versions ------------------------------------------------------------------------------------------


def test_every_update_is_a_new_version_and_old_versions_stay_readable(api, iot):
    doc = create(api, iot, inhoud=b64(b"een"))
    token = lock(api, doc)
    v2 = api.patch(path_of(doc["url"]), {"inhoud": b64(b"twee"), "titel": "tweede", "lock": token}).json()
    assert v2["versie"] == 2 and v2["inhoud"].endswith("/download?versie=2")
    list_item = api.get(LIST).json()["results"][0]
    assert list_item["versie"] == 2 and list_item["titel"] == "tweede"  # lists show the latest
    v1 = api.get(path_of(doc["url"]), {"versie": 1}).json()
    assert v1["versie"] == 1 and v1["titel"] == "testobject"
    assert download(api, v1["inhoud"]) == b"een"
    assert download(api, doc["url"] + "/download?versie=2") == b"twee"
    assert download(api, doc["url"] + "/download") == b"twee"
    assert api.get(path_of(doc["url"]), {"versie": 9}).status_code == 404


def test_registratie_op_gives_the_version_registered_at_that_moment(api, iot):
    doc = create(api, iot)
    token = lock(api, doc)
    uuid = doc["url"].rsplit("/", 1)[1]
    EnkelvoudigInformatieObjectVersie.objects.filter(document_id=uuid).update(
        begin_registratie=timezone.now() - dt.timedelta(days=2))
    api.patch(path_of(doc["url"]), {"titel": "nieuw", "lock": token})
    moment = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert api.get(path_of(doc["url"]), {"registratieOp": moment}).json()["versie"] == 1
    assert api.get(path_of(doc["url"]), {"registratieOp": timezone.now().isoformat()}).json()["versie"] == 2
    too_early = (timezone.now() - dt.timedelta(days=3)).isoformat()
    assert api.get(path_of(doc["url"]), {"registratieOp": too_early}).status_code == 404
    # the conformance suite asks versie=1 and registratieOp=now together
    both = api.get(path_of(doc["url"]), {"versie": 1, "registratieOp": timezone.now().isoformat()})
    assert both.status_code == 200 and both.json()["versie"] == 1


# ---- download ------------------------------------------------------------------------------------------


def test_download_streams_with_headers(api, iot):
    content = bytes(range(256)) * 4096  # 1 MiB
    doc = create(api, iot, inhoud=b64(content), bestandsnaam="rapport.pdf", formaat="application/pdf")
    response = api.get(path_of(doc["url"]) + "/download", headers={"Accept": "application/octet-stream"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="rapport.pdf"' in response["Content-Disposition"]
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == hashlib.sha256(content).hexdigest()
    assert doc["bestandsomvang"] == len(content)


def test_download_of_a_document_without_content_is_404(api, iot):
    doc = create(api, iot, inhoud=None, bestandsomvang=None)
    assert doc["inhoud"] is None
    assert api.get(path_of(doc["url"]) + "/download").status_code == 404


def test_invalid_base64_is_400_and_stores_nothing(api, iot, media):
    response = api.post(LIST, body(iot, inhoud="@@@ not base64 @@@"))
    assert response.status_code == 400 and codes(response)[0][0] == "inhoud"
    assert stored_files(media) == [] and not EnkelvoudigInformatieObject.objects.exists()


# ---- lists, _zoek, expand --------------------------------------------------------------------------------


def test_list_filters(api, iot):
    a = create(api, iot, identificatie="DOC-A", trefwoorden=["bouwtekening", "vergunning"])
    create(api, iot, identificatie="DOC-B", bronorganisatie="517439943", trefwoorden=["aanvraag"])
    generated = create(api, iot)
    assert generated["identificatie"].startswith("DOCUMENT-")

    def found(**params):
        response = api.get(LIST, params)
        assert response.status_code == 200, response.json()
        return sorted(r["identificatie"] for r in response.json()["results"])

    assert found(identificatie="DOC-A") == ["DOC-A"]
    assert found(bronorganisatie="517439943") == ["DOC-B"]
    assert found(trefwoorden="vergunning") == ["DOC-A"]
    assert found(trefwoorden="aanvraag,bouwtekening") == ["DOC-A", "DOC-B"]
    assert a["trefwoorden"] == ["bouwtekening", "vergunning"]
    assert api.get(LIST, {"onbekend": "x"}).status_code == 400


def test_identificatie_unique_per_bronorganisatie(api, iot):
    create(api, iot, identificatie="DOC-1")
    response = api.post(LIST, body(iot, identificatie="DOC-1"))
    assert codes(response)[0] == ("identificatie", "identificatie-niet-uniek")
    create(api, iot, identificatie="DOC-1", bronorganisatie="517439943")


def test_zoek_by_uuid_and_filters(api, iot):
    a = create(api, iot, identificatie="A")
    b = create(api, iot, identificatie="B")
    create(api, iot, identificatie="C")
    uuids = [a["url"].rsplit("/", 1)[1], b["url"].rsplit("/", 1)[1]]
    response = api.post(f"{LIST}/_zoek", {"uuid__in": uuids})
    assert response.status_code == 200
    assert sorted(r["identificatie"] for r in response.json()["results"]) == ["A", "B"]
    response = api.post(f"{LIST}/_zoek", {"uuid__in": uuids, "identificatie": "B"})
    assert [r["identificatie"] for r in response.json()["results"]] == ["B"]
    assert api.post(f"{LIST}/_zoek", {}).status_code == 400  # uuid__in is required


def test_drc_011_expand_informatieobjecttype(api, iot):
    doc = create(api, iot)
    detail = api.get(path_of(doc["url"]), {"expand": "informatieobjecttype"}).json()
    assert detail["_expand"]["informatieobjecttype"]["url"] == iot_url(iot)
    listed = api.get(LIST, {"expand": "informatieobjecttype"}).json()["results"][0]
    assert listed["_expand"]["informatieobjecttype"]["omschrijving"] == "aanvraag"


def test_drc_013_expand_of_an_unknown_attribute(api, iot):
    doc = create(api, iot)
    assert api.get(path_of(doc["url"]), {"expand": "titel"}).status_code == 404
    assert api.get(LIST, {"expand": "onbekend"}).status_code == 400


def test_ondertekening_and_integriteit_groups(api, iot):
    doc = create(api, iot, ondertekening={"soort": "digitaal", "datum": "2024-01-02"},
                 integriteit={"algoritme": "sha_256", "waarde": "abc", "datum": "2024-01-02"})
    assert doc["ondertekening"] == {"soort": "digitaal", "datum": "2024-01-02"}
    assert doc["integriteit"] == {"algoritme": "sha_256", "waarde": "abc", "datum": "2024-01-02"}
    plain = create(api, iot)
    assert plain["ondertekening"] is None and plain["integriteit"] is None
    bad = api.post(LIST, body(iot, integriteit={"algoritme": "sha_256"}))
    assert bad.status_code == 400


# ---- authorisation ---------------------------------------------------------------------------------------


def test_authorisation_by_informatieobjecttype_and_vertrouwelijkheid(api, client_for, iot, other_iot):
    mine = create(api, iot, vertrouwelijkheidaanduiding="intern")
    secret = create(api, iot, vertrouwelijkheidaanduiding="geheim")
    other = create(api, other_iot)
    reader = client_for(["documenten.lezen"], [iot], "vertrouwelijk")
    listed = reader.get(LIST).json()
    assert [r["url"] for r in listed["results"]] == [mine["url"]]
    assert reader.get(path_of(mine["url"])).status_code == 200
    assert reader.get(path_of(secret["url"])).status_code == 403
    assert reader.get(path_of(other["url"])).status_code == 403
    assert reader.get(path_of(secret["url"]) + "/download").status_code == 403
    assert reader.post(LIST, body(iot)).status_code == 403  # no aanmaken
    maker = client_for(["documenten.aanmaken"], [iot], "intern")
    assert maker.post(LIST, body(iot, vertrouwelijkheidaanduiding="geheim")).status_code == 403
    assert maker.post(LIST, body(iot, vertrouwelijkheidaanduiding="openbaar")).status_code == 201
    assert maker.post(LIST, body(other_iot)).status_code == 403


def test_alleen_is_gereed_voor_publicatie(api, client_for, iot):
    gereed = create(api, iot, isGereedVoorPublicatie=True)
    niet = create(api, iot, isGereedVoorPublicatie=False)
    onbekend = create(api, iot)
    publisher = client_for(["documenten.lezen"], [iot], "zeer_geheim", alleen_gereed=True)
    assert [r["url"] for r in publisher.get(LIST).json()["results"]] == [gereed["url"]]
    assert publisher.get(path_of(gereed["url"])).status_code == 200
    assert publisher.get(path_of(niet["url"])).status_code == 403
    assert publisher.get(path_of(onbekend["url"])).status_code == 403


# ---- audit trail and notifications ---------------------------------------------------------------------------


def test_audit_trail_and_notifications(api, iot):
    doc = create(api, iot)
    token = lock(api, doc)
    api.patch(path_of(doc["url"]), {"titel": "nieuw", "lock": token})
    entries = api.get(path_of(doc["url"]) + "/audittrail").json()
    acties = [e["actie"] for e in entries]
    assert acties[0] == "create" and "partial_update" in acties
    update = next(e for e in entries if e["actie"] == "partial_update")
    assert update["wijzigingen"]["oud"]["titel"] == "testobject"
    assert update["wijzigingen"]["nieuw"]["titel"] == "nieuw"
    assert update["toelichting"] == "test" and update["bron"] == "drc"
    one = api.get(path_of(doc["url"]) + f"/audittrail/{entries[0]['uuid']}")
    assert one.status_code == 200
    sent = notifications()
    assert [n.actie for n in sent] == ["create", "partial_update"]
    assert sent[0].kenmerken == {"bronorganisatie": "000000000", "informatieobjecttype": iot_url(iot),
                                 "vertrouwelijkheidaanduiding": "zaakvertrouwelijk"}
    assert sent[0].hoofd_object == doc["url"]
