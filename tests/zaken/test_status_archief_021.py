"""zrc-021 over HTTP: closing a zaak (resultaat + eindstatus) derives archiefnominatie and
archiefactiedatum from the resultaattype, one test per afleidingswijze, as VNG's suite does
(zrc-021a..i); the sources in other registers (besluiten, a remote zaak or zaakobject) are served
by a real HTTP server."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.zaken.models import Status, ZaakBesluit, ZaakEigenschap, ZaakObject

from .conftest import build_zaaktype, selectielijst_url
from .test_status_support import (codes, make_zaak, post_resultaat, post_status, remote,  # noqa: F401
                                  statustypen, zaak_url)

pytestmark = pytest.mark.django_db

DATUM = "2018-04-26T13:37:00"  # the suite's datumStatusGezet: einddatum 2018-04-26


def zaaktype_with_rule(system, catalogus, afleidingswijze: str, *, eigenschap: str | None = None,
                       archiefactietermijn: str = "P10Y", **brondatum):
    """A published zaaktype whose resultaattype 'Archief' has the given brondatumArchiefprocedure
    (selectielijstklasse 11.1.2: procestermijn vast_te_leggen_datum, so every afleidingswijze is
    allowed) and archiefactietermijn."""
    zt = build_zaaktype(system, catalogus, identificatie=f"ZT-{afleidingswijze}", publish=False)
    rt = catalogi.create_resultaattype(system, {
        "zaaktype": zt, "omschrijving": "Archief", "resultaattypeomschrijving": _rto(),
        "selectielijstklasse": selectielijst_url(11, "11.1.2"), "archiefnominatie": "blijvend_bewaren",
        "archiefactietermijn": archiefactietermijn,
        "brondatum_archiefprocedure": {"afleidingswijze": afleidingswijze, "procestermijn": None, "datumkenmerk": "",
                                       "einddatum_bekend": False, "objecttype": "", "registratie": "", **brondatum},
    })
    if eigenschap:
        catalogi.create_eigenschap(system, {"zaaktype": zt, "naam": eigenschap, "definitie": eigenschap,
                                            "specificatie": {"formaat": "datum", "lengte": "8", "kardinaliteit": "1",
                                                             "groep": "", "waardenverzameling": []}})
    return catalogi.publish_zaaktype(system, zt), rt


def _rto():
    from .conftest import rto_url

    return rto_url("Verleend")


def close(api, zaak, rt, datum: str = DATUM):
    assert post_resultaat(api, zaak, rt).status_code == 201
    return post_status(api, zaak, statustypen(zaak.zaaktype)[-1], datum)


def archief(zaak):
    zaak.refresh_from_db()
    return zaak.archiefnominatie, zaak.archiefactiedatum


def test_zrc_021a_afgehandeld(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "afgehandeld")
    zaak = make_zaak(zt)
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2028, 4, 26))


def test_zrc_021a_an_archiefnominatie_the_zaak_has_is_kept(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "afgehandeld")
    zaak = make_zaak(zt, archiefnominatie="vernietigen")
    close(api, zaak, rt)
    assert archief(zaak) == ("vernietigen", dt.date(2028, 4, 26))


def test_zrc_021b_hoofdzaak(api, system, catalogus, zaaktype):
    zt, rt = zaaktype_with_rule(system, catalogus, "hoofdzaak", einddatum_bekend=True)
    hoofdzaak = make_zaak(zaaktype, einddatum=dt.date(2018, 4, 18))
    zaak = make_zaak(zt, hoofdzaak=hoofdzaak)
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2028, 4, 18))


def test_zrc_021b_hoofdzaak_still_open_gives_no_date(api, system, catalogus, zaaktype):
    zt, rt = zaaktype_with_rule(system, catalogus, "hoofdzaak")
    zaak = make_zaak(zt, hoofdzaak=make_zaak(zaaktype))
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", None)


def test_zrc_021c_eigenschap(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "eigenschap", eigenschap="archivering_test",
                                datumkenmerk="archivering_test")
    zaak = make_zaak(zt)
    ZaakEigenschap.objects.create(zaak=zaak, eigenschap=zt.eigenschappen.get(naam="archivering_test"),
                                  naam="archivering_test", waarde="2023-01-01")
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2033, 1, 1))


def test_zrc_021c_missing_eigenschap_refuses_closing_and_writes_nothing(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "eigenschap", eigenschap="archivering_test",
                                datumkenmerk="archivering_test")
    zaak = make_zaak(zt)
    response = close(api, zaak, rt)
    assert response.status_code == 400
    assert codes(response) == [("nonFieldErrors", "archiefactiedatum-error")]
    assert not Status.objects.exists()
    zaak.refresh_from_db()
    assert (zaak.einddatum, zaak.archiefnominatie, zaak.archiefactiedatum) == (None, "", None)


def test_zrc_021d_ingangsdatum_besluit(api, system, catalogus, remote):
    zt, rt = zaaktype_with_rule(system, catalogus, "ingangsdatum_besluit")
    zaak = make_zaak(zt)
    for ingang, verval in (("2016-01-01", "2022-01-01"), ("2024-01-01", "2025-01-01")):
        ZaakBesluit.objects.create(zaak=zaak, besluit=remote.besluit(ingang, verval))
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2034, 1, 1))
    assert len(remote.requests) == 2


def test_zrc_021e_vervaldatum_besluit(api, system, catalogus, remote):
    zt, rt = zaaktype_with_rule(system, catalogus, "vervaldatum_besluit")
    zaak = make_zaak(zt)
    for ingang, verval in (("2016-01-01", "2022-01-01"), ("2024-01-01", "2025-01-01"), ("2017-01-01", None)):
        ZaakBesluit.objects.create(zaak=zaak, besluit=remote.besluit(ingang, verval))
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2035, 1, 1))


def test_zrc_021_a_besluit_that_cannot_be_read_refuses_closing(api, system, catalogus, remote):
    zt, rt = zaaktype_with_rule(system, catalogus, "vervaldatum_besluit")
    zaak = make_zaak(zt)
    ZaakBesluit.objects.create(zaak=zaak, besluit=remote.base + "/besluiten/api/v1/besluiten/weg")
    response = close(api, zaak, rt)
    assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "archiefactiedatum-error")]
    assert not Status.objects.exists()


def test_zrc_021f_termijn(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "termijn", procestermijn="P5M")
    zaak = make_zaak(zt)
    assert close(api, zaak, rt).status_code == 201
    # 2018-04-26 + 5 months + 10 years
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2028, 9, 26))


def test_zrc_021g_ander_datumkenmerk_is_set_by_hand(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "ander_datumkenmerk", datumkenmerk="identificatie",
                                objecttype="pand", registratie="test")
    zaak = make_zaak(zt)
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", None)
    manual = make_zaak(zt, archiefactiedatum=dt.date(2050, 1, 1))
    assert close(api, manual, rt).status_code == 201
    assert archief(manual) == ("blijvend_bewaren", dt.date(2050, 1, 1))


def test_zrc_021h_zaakobject_local(api, system, catalogus):
    zt, rt = zaaktype_with_rule(system, catalogus, "zaakobject", datumkenmerk="waardepeildatum",
                                objecttype="woz_waarde", einddatum_bekend=True)
    zaak = make_zaak(zt)
    for peildatum in ("2008-1-1", "2013-1-1"):
        ZaakObject.objects.create(zaak=zaak, object_type="woz_waarde",
                                  object_identificatie={"waardepeildatum": peildatum,
                                                        "isVoor": {"wozObjectNummer": "testobject"}})
    ZaakObject.objects.create(zaak=zaak, object_type="pand", object_identificatie={"waardepeildatum": "2020-1-1"})
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2023, 1, 1))


def test_zrc_021h_zaakobject_external(api, system, catalogus, remote):
    zt, rt = zaaktype_with_rule(system, catalogus, "zaakobject", datumkenmerk="datum", objecttype="besluit")
    zaak = make_zaak(zt)
    for datum in ("2010-01-01", "2013-01-01"):
        ZaakObject.objects.create(zaak=zaak, object_type="besluit", object=remote.besluit("2016-01-01", datum=datum))
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2023, 1, 1))


def test_zrc_021i_gerelateerde_zaak(api, system, catalogus, zaaktype, remote):
    zt, rt = zaaktype_with_rule(system, catalogus, "gerelateerde_zaak", einddatum_bekend=True)
    local = make_zaak(zaaktype, einddatum=dt.date(2018, 4, 26))
    elders = remote.add("/zaken/api/v1/zaken/1", {"url": "elders", "einddatum": "2019-02-01"})
    zaak = make_zaak(zt, relevante_andere_zaken=[{"url": zaak_url(local), "aardRelatie": "bijdrage"},
                                                  {"url": elders, "aardRelatie": "vervolg"}])
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", dt.date(2029, 2, 1))
    # another Zaken API wants the CRS header on every zaak request
    assert remote.requests[0][1].get("Accept-Crs") == "EPSG:4326"


def test_zrc_021_no_archiefactietermijn_no_date_and_no_brondatum_needed(api, system, catalogus):
    """Without an archiefactietermijn the brondatum is not looked for: a zaak lacking the
    eigenschap still closes."""
    zt = build_zaaktype(system, catalogus, identificatie="ZT-ZONDER-TERMIJN", publish=False)
    rt = catalogi.create_resultaattype(system, {
        "zaaktype": zt, "omschrijving": "Bewaren", "resultaattypeomschrijving": _rto(),
        "selectielijstklasse": selectielijst_url(11, "11.1.3"),  # blijvend bewaren, no bewaartermijn
        "brondatum_archiefprocedure": {"afleidingswijze": "eigenschap", "datumkenmerk": "kenteken",
                                       "procestermijn": None, "einddatum_bekend": False, "objecttype": "",
                                       "registratie": ""},
    })
    zt = catalogi.publish_zaaktype(system, zt)
    assert rt.archiefactietermijn in (None, "")
    zaak = make_zaak(zt)
    assert close(api, zaak, rt).status_code == 201
    assert archief(zaak) == ("blijvend_bewaren", None)
