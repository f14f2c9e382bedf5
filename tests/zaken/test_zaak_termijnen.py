"""Deadlines of a zaak: einddatumGepland / uiterlijkeEinddatumAfdoening derived from the zaaktype,
verlenging (counted once), opschorting (periods; the suspended days move the deadlines), and the
closed-zaak guard (zrc-007: changes only with zaken.geforceerd-bijwerken)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zaakwerk.zaken.domain.zaak import _shift
from zaakwerk.zaken.models import OpschortingPeriode, Zaak

from .conftest import ROOT, build_zaaktype, zaak_body, zaaktype_url
from .test_zaak_helpers import invalid_params

ZAKEN = f"{ROOT}/zaken"


def _create(api, zaaktype, **fields) -> dict:
    response = api.post(ZAKEN, zaak_body(zaaktype, **fields))
    assert response.status_code == 201, response.content
    return response.json()


def _d(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


# ---- derived deadlines --------------------------------------------------------------------------------


def test_deadlines_derived_from_servicenorm_and_doorlooptijd(api, zaaktype):
    zaak = _create(api, zaaktype)  # servicenorm P6W, doorlooptijd P8W, startdatum 2024-03-01
    assert zaak["einddatumGepland"] == "2024-04-12"
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2024-04-26"


def test_deadlines_given_by_the_client_are_kept(api, zaaktype):
    zaak = _create(api, zaaktype, einddatumGepland="2024-05-01", uiterlijkeEinddatumAfdoening=None)
    assert zaak["einddatumGepland"] == "2024-05-01"
    assert zaak["uiterlijkeEinddatumAfdoening"] is None


def test_no_servicenorm_no_einddatum_gepland(api, system, catalogus):
    zonder = build_zaaktype(system, catalogus, identificatie="ZT-ZONDER-NORM", servicenorm=None, doorlooptijd="P1M")
    zaak = _create(api, zonder, startdatum="2024-01-31")
    assert zaak["einddatumGepland"] is None
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2024-02-29"  # calendar month, clamped


def test_shift_is_calendar_arithmetic_both_ways():
    assert _shift(dt.date(2024, 1, 31), "P1M") == dt.date(2024, 2, 29)
    assert _shift(dt.date(2024, 3, 31), "P1M", -1) == dt.date(2024, 2, 29)
    assert _shift(dt.date(2024, 3, 1), "P2W") == dt.date(2024, 3, 15)
    assert _shift(dt.date(2024, 3, 15), "P2W", -1) == dt.date(2024, 3, 1)
    assert _shift(dt.date(2024, 3, 1), "PT48H") == dt.date(2024, 3, 3)


# ---- verlenging -----------------------------------------------------------------------------------------


def test_verlenging_adds_its_duur_once(api, zaaktype):
    zaak = _create(api, zaaktype)
    original = _d(zaak["uiterlijkeEinddatumAfdoening"])
    verlengd = api.patch(zaak["url"], {"verlenging": {"reden": "advies", "duur": "P2W"}}).json()
    assert _d(verlengd["uiterlijkeEinddatumAfdoening"]) == original + dt.timedelta(days=14)
    assert verlengd["verlenging"] == {"reden": "advies", "duur": "P2W"}
    # sending the same verlenging again (a PATCH, or a PUT of the whole zaak) changes nothing
    again = api.patch(zaak["url"], {"verlenging": {"reden": "advies (herhaald)", "duur": "P2W"}}).json()
    assert again["uiterlijkeEinddatumAfdoening"] == verlengd["uiterlijkeEinddatumAfdoening"]
    put_body = {k: again[k] for k in ("bronorganisatie", "verantwoordelijkeOrganisatie", "zaaktype", "startdatum",
                                      "uiterlijkeEinddatumAfdoening", "verlenging")}
    assert api.put(zaak["url"], put_body).json()["uiterlijkeEinddatumAfdoening"] == verlengd["uiterlijkeEinddatumAfdoening"]
    # another duur replaces the first one's effect; removing it takes it off
    korter = api.patch(zaak["url"], {"verlenging": {"reden": "advies", "duur": "P1W"}}).json()
    assert _d(korter["uiterlijkeEinddatumAfdoening"]) == original + dt.timedelta(days=7)
    weg = api.patch(zaak["url"], {"verlenging": None}).json()
    assert _d(weg["uiterlijkeEinddatumAfdoening"]) == original
    assert weg["verlenging"] is None  # no verlenging (the group requires a duur)


def test_verlenging_on_create_extends_the_derived_deadline(api, zaaktype):
    zaak = _create(api, zaaktype, verlenging={"reden": "r", "duur": "P5D"})
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2024-05-01"  # 2024-04-26 + 5 days


def test_explicit_deadline_in_the_same_request_wins(api, zaaktype):
    zaak = _create(api, zaaktype)
    response = api.patch(zaak["url"], {"verlenging": {"reden": "r", "duur": "P2W"},
                                       "uiterlijkeEinddatumAfdoening": "2024-06-30"})
    assert response.json()["uiterlijkeEinddatumAfdoening"] == "2024-06-30"


def test_verlenging_at_most_the_verlengingstermijn(api, zaaktype):
    zaak = _create(api, zaaktype)  # verlengingstermijn P6W
    response = api.patch(zaak["url"], {"verlenging": {"reden": "r", "duur": "P43D"}})
    assert invalid_params(response) == [("verlenging.duur", "verlenging-te-lang")]
    assert api.patch(zaak["url"], {"verlenging": {"reden": "r", "duur": "P42D"}}).status_code == 200


def test_verlenging_only_when_the_zaaktype_allows_it(api, system, catalogus, settings):
    vast = build_zaaktype(system, catalogus, identificatie="ZT-VAST", verlenging_mogelijk=False,
                          verlengingstermijn=None)
    response = api.post(ZAKEN, zaak_body(vast, verlenging={"reden": "r", "duur": "P1D"}))
    assert invalid_params(response) == [("verlenging", "verlenging-niet-mogelijk")]
    assert not Zaak.objects.exists()
    settings.ZAAKWERK_STRICT_OPSCHORTING_VERLENGING = False
    zaak = _create(api, vast, verlenging={"reden": "r", "duur": "P1D"})
    assert zaak["uiterlijkeEinddatumAfdoening"] == "2024-04-27"  # the effect stays


# ---- opschorting -------------------------------------------------------------------------------------------


def test_opschorting_records_a_period_and_resuming_moves_the_deadlines(api, zaaktype):
    zaak = _create(api, zaaktype)
    gepland, uiterlijk = _d(zaak["einddatumGepland"]), _d(zaak["uiterlijkeEinddatumAfdoening"])
    opgeschort = api.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "wacht op aanvrager"}}).json()
    today = timezone.localdate()
    assert opgeschort["_zaakwerk"]["opschortingen"] == [{"start": today.isoformat(), "einde": None,
                                                         "reden": "wacht op aanvrager"}]
    assert opgeschort["uiterlijkeEinddatumAfdoening"] == zaak["uiterlijkeEinddatumAfdoening"]
    # ten days later the aanvrager answers
    OpschortingPeriode.objects.update(start=today - dt.timedelta(days=10))
    hervat = api.patch(zaak["url"], {"opschorting": {"indicatie": False, "reden": ""}}).json()
    assert _d(hervat["uiterlijkeEinddatumAfdoening"]) == uiterlijk + dt.timedelta(days=10)
    assert _d(hervat["einddatumGepland"]) == gepland + dt.timedelta(days=10)
    assert hervat["_zaakwerk"]["opschortingen"][0]["einde"] == today.isoformat()
    assert hervat["opschorting"] == {"indicatie": False, "reden": ""}
    # resuming again (or re-sending) changes nothing
    again = api.patch(zaak["url"], {"opschorting": None}).json()
    assert again["uiterlijkeEinddatumAfdoening"] == hervat["uiterlijkeEinddatumAfdoening"]
    # a second opschorting is a second period
    api.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "tweede"}})
    assert OpschortingPeriode.objects.count() == 2


def test_opschorting_reden_change_while_suspended_updates_the_period(api, zaaktype):
    zaak = _create(api, zaaktype, opschorting={"indicatie": True, "reden": "eerst"})
    api.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "later"}})
    assert list(OpschortingPeriode.objects.values_list("reden", flat=True)) == ["later"]


def test_opschorting_only_when_the_zaaktype_allows_it(api, system, catalogus, settings):
    zonder = build_zaaktype(system, catalogus, identificatie="ZT-DOOR", opschorting_en_aanhouding_mogelijk=False)
    response = api.post(ZAKEN, zaak_body(zonder, opschorting={"indicatie": True, "reden": "r"}))
    assert invalid_params(response) == [("opschorting", "opschorting-niet-mogelijk")]
    zaak = _create(api, zonder, opschorting={"indicatie": False, "reden": ""})
    assert invalid_params(api.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "r"}})) == [
        ("opschorting", "opschorting-niet-mogelijk")]
    settings.ZAAKWERK_STRICT_OPSCHORTING_VERLENGING = False
    assert api.patch(zaak["url"], {"opschorting": {"indicatie": True, "reden": "r"}}).status_code == 200
    assert OpschortingPeriode.objects.count() == 1


# ---- zrc-007: a closed zaak ------------------------------------------------------------------------------


def test_zrc_007c_i_closed_zaak_changes_only_with_geforceerd_bijwerken(api, zaaktype, client_for):
    zaak = _create(api, zaaktype, vertrouwelijkheidaanduiding="openbaar")
    Zaak.objects.filter(pk=zaak["uuid"]).update(einddatum=dt.date(2024, 4, 1))
    grant = {"component": "zrc", "zaaktype": zaaktype_url(zaaktype), "max_vertrouwelijkheidaanduiding": "openbaar"}
    gewoon = client_for([{**grant, "scopes": ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"]}])
    put_body = zaak_body(zaaktype, omschrijving="aanpassing")
    for response in (gewoon.put(zaak["url"], put_body), gewoon.patch(zaak["url"], {"omschrijving": "aangepast"})):
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"
    assert Zaak.objects.get().omschrijving == ""
    geforceerd = client_for([{**grant, "scopes": ["zaken.lezen", "zaken.geforceerd-bijwerken"]}])
    assert geforceerd.put(zaak["url"], put_body).json()["omschrijving"] == "aanpassing"
    assert geforceerd.patch(zaak["url"], {"omschrijving": "aangepast"}).json()["omschrijving"] == "aangepast"
    # an open zaak: zaken.bijwerken is enough
    Zaak.objects.filter(pk=zaak["uuid"]).update(einddatum=None)
    assert gewoon.patch(zaak["url"], {"omschrijving": "open"}).status_code == 200


@pytest.mark.parametrize("field", ["einddatum", "status", "resultaat", "deelzaken", "url", "uuid"])
def test_read_only_fields_sent_by_a_client_are_ignored(api, zaaktype, field):
    zaak = _create(api, zaaktype, **{field: "2024-01-01" if field == "einddatum" else None})
    assert zaak["einddatum"] is None and zaak["status"] is None
