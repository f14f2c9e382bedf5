"""Closing (zrc-007) and reopening (zrc-008) a zaak through ``POST /statussen``, the scopes per
zaaktype that govern setting statussen, and zrc-022 where it concerns closing."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import Resultaat, Status, ZaakInformatieObject

from .conftest import BASE, ROOT
from .test_status_support import (close_zaak, codes, make_zaak, post_resultaat, post_status, remote,  # noqa: F401
                                  resultaattype, statustypen, zaak_url, zrc)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zaak(zaaktype):
    return make_zaak(zaaktype)


def _state(zaak):
    zaak.refresh_from_db()
    return zaak.einddatum, zaak.archiefnominatie, zaak.archiefactiedatum


# ---- zrc-007: closing ------------------------------------------------------------------------------------


def test_zrc_007a_eindstatus_closes_the_zaak_on_the_date_of_datum_status_gezet(api, zaak, zaaktype):
    assert post_resultaat(api, zaak, resultaattype(zaaktype)).status_code == 201
    response = post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-20T13:37:00")
    assert response.status_code == 201, response.json()
    assert response.json()["datumStatusGezet"].split("T")[0] == "2024-04-20"
    # the Verleend resultaattype: vernietigen, P1Y, afgeleid from afgehandeld
    assert _state(zaak) == (dt.date(2024, 4, 20), "vernietigen", dt.date(2025, 4, 20))
    assert str(zaak.huidige_status_id) == response.json()["uuid"]


def test_zrc_007a_einddatum_is_the_europe_amsterdam_day(api, zaak, zaaktype):
    post_resultaat(api, zaak, resultaattype(zaaktype))
    # 23:30 UTC on 3 January is 00:30 on 4 January in Amsterdam
    assert post_status(api, zaak, statustypen(zaaktype)[-1], "2024-01-03T23:30:00Z").status_code == 201
    assert _state(zaak)[0] == dt.date(2024, 1, 4)


def test_zrc_007_closing_without_resultaat_is_refused_and_nothing_is_written(api, zaak, zaaktype):
    post_status(api, zaak, statustypen(zaaktype)[0], "2024-03-05T10:00:00")
    before = Status.objects.count(), AuditTrail.objects.count(), OutboxMessage.objects.count()
    response = post_status(api, zaak, statustypen(zaaktype)[-1], "2024-03-06T10:00:00")
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "resultaat-does-not-exist")]
    assert (Status.objects.count(), AuditTrail.objects.count(), OutboxMessage.objects.count()) == before
    assert _state(zaak) == (None, "", None)
    assert Status.objects.get().pk == zaak.huidige_status_id


def test_zrc_007b_closing_checks_indicatie_gebruiksrecht_of_every_informatieobject(api, zaak, zaaktype, remote):
    post_resultaat(api, zaak, resultaattype(zaaktype))
    for value in (True, False):
        ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=remote.document(indicatieGebruiksrecht=value))
    unset = remote.document(indicatieGebruiksrecht=None)
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=unset)
    response = post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-22T13:37:01")
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "indicatiegebruiksrecht-unset")]
    assert unset in response.json()["invalidParams"][0]["reason"]
    assert Status.objects.count() == 0 and _state(zaak) == (None, "", None)
    assert len(remote.requests) == 3  # every document was read

    ZaakInformatieObject.objects.filter(informatieobject=unset).delete()
    assert post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-22T13:37:01").status_code == 201
    assert _state(zaak)[0] == dt.date(2024, 4, 22)


def test_zrc_007_every_problem_with_closing_is_reported_at_once(api, zaak, zaaktype, remote):
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=remote.document(indicatieGebruiksrecht=None))
    gone = remote.base + "/documenten/api/v1/enkelvoudiginformatieobjecten/weg"
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=gone)
    response = post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-22T13:37:01")
    assert response.status_code == 400
    assert sorted(codes(response)) == [("nonFieldErrors", "bad-url"),
                                       ("nonFieldErrors", "indicatiegebruiksrecht-unset"),
                                       ("nonFieldErrors", "resultaat-does-not-exist")]


def test_zrc_007_only_the_eindstatus_checks_the_documents(api, zaak, zaaktype, remote):
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=remote.document(indicatieGebruiksrecht=None))
    assert post_status(api, zaak, statustypen(zaaktype)[0], "2024-03-05T10:00:00").status_code == 201
    assert remote.requests == []


def test_zrc_007_closing_is_recorded_as_a_change_of_the_zaak(api, zaak, zaaktype):
    post_resultaat(api, zaak, resultaattype(zaaktype))
    OutboxMessage.objects.all().delete()
    status = post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-20T13:37:00").json()
    entry = AuditTrail.objects.get(resource="zaak", actie="update")
    assert entry.hoofd_object == entry.resource_url == zaak_url(zaak)
    assert entry.oud["einddatum"] is None and entry.nieuw["einddatum"] == "2024-04-20"
    assert entry.nieuw["archiefactiedatum"] == "2025-04-20" and entry.nieuw["status"] == status["url"]
    # the snapshots are the zaak as the API shows it
    from zaakwerk.zaken.representation import zaken_json

    zaak.refresh_from_db()
    assert entry.nieuw == zaken_json([zaak], BASE)[0]
    # one notification: the status (as the reference implementation does)
    assert list(OutboxMessage.objects.values_list("resource", "actie")) == [("status", "create")]


def test_zrc_007r_a_status_that_is_no_eindstatus_leaves_einddatum_empty(api, zaak, zaaktype):
    assert post_status(api, zaak, statustypen(zaaktype)[1], "2024-03-05T10:00:00").status_code == 201
    assert _state(zaak) == (None, "", None)
    assert not AuditTrail.objects.filter(resource="zaak").exists()


def test_an_eindstatus_dated_before_the_current_status_is_refused(api, zaak, zaaktype):
    post_resultaat(api, zaak, resultaattype(zaaktype))
    post_status(api, zaak, statustypen(zaaktype)[1], "2024-03-06T10:00:00")
    response = post_status(api, zaak, statustypen(zaaktype)[-1], "2024-03-05T10:00:00")
    assert response.status_code == 400
    assert codes(response) == [("datumStatusGezet", "eindstatus-not-latest")]
    assert Status.objects.count() == 1 and _state(zaak)[0] is None


def test_zrc_007m_the_eindstatus_again_on_a_closed_zaak_moves_the_einddatum(api, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    assert post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-22T13:37:00").status_code == 201
    # the archive values already derived are kept ("indien nog leeg")
    assert _state(zaak) == (dt.date(2024, 4, 22), "vernietigen", dt.date(2025, 4, 20))


# ---- zrc-008: reopening ----------------------------------------------------------------------------------


def test_zrc_008ab_a_later_non_eindstatus_reopens_and_clears_the_archive_values(api, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    response = post_status(api, zaak, statustypen(zaaktype)[0], "2024-04-21T13:37:00")
    assert response.status_code == 201
    assert response.json()["indicatieLaatstGezetteStatus"] is True
    assert _state(zaak) == (None, "", None)
    shown = api.get(f"{ROOT}/zaken/{zaak.pk}").json()
    assert (shown["einddatum"], shown["archiefnominatie"], shown["archiefactiedatum"]) == (None, None, None)  # zrc-008b
    entry = AuditTrail.objects.filter(resource="zaak").latest("aanmaakdatum")
    assert entry.oud["einddatum"] == "2024-04-20" and entry.nieuw["einddatum"] is None
    # and closing again derives them again
    assert post_status(api, zaak, statustypen(zaaktype)[-1], "2024-04-22T13:37:00").status_code == 201
    assert _state(zaak) == (dt.date(2024, 4, 22), "vernietigen", dt.date(2025, 4, 22))


def test_a_back_dated_status_on_a_closed_zaak_is_history_and_does_not_reopen(api, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    response = post_status(api, zaak, statustypen(zaaktype)[1], "2024-04-10T09:00:00")
    assert response.status_code == 201
    assert response.json()["indicatieLaatstGezetteStatus"] is False
    assert _state(zaak) == (dt.date(2024, 4, 20), "vernietigen", dt.date(2025, 4, 20))


def test_zrc_022_closing_sets_both_archive_values_and_leaves_archiefstatus(api, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    assert zaak.archiefnominatie and zaak.archiefactiedatum  # what zrc-022 demands before archiving
    assert zaak.archiefstatus == "nog_te_archiveren"


def test_zrc_022_an_archived_zaak_is_not_reopened(api, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    zaak.archiefstatus = "gearchiveerd"
    zaak.save(update_fields=["archiefstatus"])
    response = post_status(api, zaak, statustypen(zaaktype)[0], "2024-04-21T13:37:00")
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "zaak-archived")]
    assert _state(zaak) == (dt.date(2024, 4, 20), "vernietigen", dt.date(2025, 4, 20))
    assert Status.objects.count() == 1


# ---- scopes per zaaktype -------------------------------------------------------------------------------


def test_zaken_aanmaken_sets_only_the_first_status(client_for, zaak, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.aanmaken")])
    assert post_status(client, zaak, statustypen(zaaktype)[0], "2024-03-05T10:00:00").status_code == 201
    response = post_status(client, zaak, statustypen(zaaktype)[1], "2024-03-06T10:00:00")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert Status.objects.count() == 1


def test_zaken_statussen_toevoegen_adds_statussen_and_closes_but_cannot_reopen(api, client_for, zaak, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.statussen.toevoegen")])
    post_resultaat(api, zaak, resultaattype(zaaktype))
    for index, day in ((0, 5), (1, 6), (2, 7)):
        response = post_status(client, zaak, statustypen(zaaktype)[index], f"2024-03-0{day}T10:00:00")
        assert response.status_code == 201, response.json()
    assert _state(zaak)[0] == dt.date(2024, 3, 7)
    # zrc-008c: reopening needs zaken.heropenen
    response = post_status(client, zaak, statustypen(zaaktype)[0], "2024-03-08T10:00:00")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    # zrc-007g: nor may it add the eindstatus again to the closed zaak
    assert post_status(client, zaak, statustypen(zaaktype)[-1], "2024-03-08T10:00:00").status_code == 403
    # nor a back-dated one (zrc-008c dates it before the eindstatus)
    assert post_status(client, zaak, statustypen(zaaktype)[0], "2024-03-06T17:37:00").status_code == 403
    assert Status.objects.count() == 3 and _state(zaak)[0] == dt.date(2024, 3, 7)


def test_zrc_008a_zaken_heropenen_reopens(api, client_for, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.heropenen")])
    response = post_status(client, zaak, statustypen(zaaktype)[0], "2024-04-21T13:37:00")
    assert response.status_code == 201, response.json()
    assert _state(zaak) == (None, "", None)


def test_zaken_heropenen_also_sets_statussen_of_an_open_zaak(client_for, zaak, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.heropenen")])
    assert post_status(client, zaak, statustypen(zaaktype)[0], "2024-03-05T10:00:00").status_code == 201
    assert post_status(client, zaak, statustypen(zaaktype)[1], "2024-03-06T10:00:00").status_code == 201


def test_zrc_007m_geforceerd_bijwerken_may_set_the_eindstatus_again_but_not_reopen(api, client_for, zaak, zaaktype):
    close_zaak(api, zaak, "2024-04-20T13:37:00")
    client = client_for([zrc(zaaktype, "zaken.statussen.toevoegen", "zaken.geforceerd-bijwerken")])
    assert post_status(client, zaak, statustypen(zaaktype)[-1], "2024-04-22T13:37:00").status_code == 201
    assert post_status(client, zaak, statustypen(zaaktype)[0], "2024-04-23T13:37:00").status_code == 403
    assert _state(zaak)[0] == dt.date(2024, 4, 22)


def test_the_scopes_count_only_on_the_zaaktype_they_are_granted_for(client_for, zaak, zaaktype, catalogus, system):
    from .conftest import build_zaaktype

    other = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    client = client_for([zrc(other, "zaken.lezen", "zaken.aanmaken", "zaken.statussen.toevoegen",
                             "zaken.heropenen")])
    response = post_status(client, zaak, statustypen(zaaktype)[0])
    assert response.status_code == 403
    assert Status.objects.count() == 0


def test_the_scopes_count_only_up_to_the_granted_vertrouwelijkheid(client_for, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.statussen.toevoegen", maximum="intern")])
    assert post_status(client, make_zaak(zaaktype, vertrouwelijkheidaanduiding="geheim"),
                       statustypen(zaaktype)[0]).status_code == 403
    assert post_status(client, make_zaak(zaaktype, vertrouwelijkheidaanduiding="intern"),
                       statustypen(zaaktype)[0]).status_code == 201


def test_a_client_without_any_status_scope_gets_403(client_for, zaak, zaaktype):
    client = client_for([zrc(zaaktype, "zaken.lezen", "zaken.bijwerken", "zaken.geforceerd-bijwerken")])
    assert post_status(client, zaak, statustypen(zaaktype)[0]).status_code == 403


def test_permission_is_checked_before_the_documents_are_read(api, client_for, zaak, zaaktype, remote):
    post_resultaat(api, zaak, resultaattype(zaaktype))
    post_status(api, zaak, statustypen(zaaktype)[0], "2024-03-05T10:00:00")
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=remote.document(indicatieGebruiksrecht=True))
    client = client_for([zrc(zaaktype, "zaken.aanmaken")])
    assert post_status(client, zaak, statustypen(zaaktype)[-1], "2024-03-06T10:00:00").status_code == 403
    assert remote.requests == []
    assert Resultaat.objects.count() == 1
