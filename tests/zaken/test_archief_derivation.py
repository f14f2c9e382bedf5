"""The pure archive derivation functions of ``zaken.archief`` (zrc-021): one test per
afleidingswijze, the date values they accept, and the whole rule (``derive``)."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.zaken import archief
from zaakwerk.zaken.archief import ArchiveRule, BrondatumError, derive

D = dt.date


class FakeSources:
    """In-memory ``archief.Sources``; records what was asked."""

    def __init__(self, einddatum=D(2024, 4, 20), *, hoofdzaak=(False, None), eigenschappen=None, objecten=None,
                 gerelateerd=None, besluiten=None):
        self.einddatum = einddatum
        self._hoofdzaak = hoofdzaak
        self._eigenschappen = eigenschappen or {}
        self._objecten = objecten or {}
        self._gerelateerd = gerelateerd or []
        self._besluiten = besluiten or []
        self.asked: list[str] = []

    def hoofdzaak(self):
        self.asked.append("hoofdzaak")
        return self._hoofdzaak

    def eigenschap_waarden(self, naam):
        self.asked.append(f"eigenschap:{naam}")
        return self._eigenschappen.get(naam, [])

    def zaakobjecten(self, objecttype, datumkenmerk):
        self.asked.append(f"zaakobject:{objecttype}")
        return self._objecten.get(objecttype, [])

    def gerelateerde_einddata(self):
        self.asked.append("gerelateerd")
        return self._gerelateerd

    def besluiten(self):
        self.asked.append("besluiten")
        return self._besluiten


# ---- one per afleidingswijze ----------------------------------------------------------------------


def test_afgehandeld_is_the_einddatum():
    assert archief.brondatum_afgehandeld(D(2018, 4, 26)) == D(2018, 4, 26)


def test_ander_datumkenmerk_is_never_derived():
    assert archief.brondatum_ander_datumkenmerk() is None


def test_eigenschap_is_the_value_of_the_named_zaakeigenschap():
    assert archief.brondatum_eigenschap(["2023-01-01"], "datum") == D(2023, 1, 1)
    assert archief.brondatum_eigenschap(["20230101", "2023-06-01"], "datum") == D(2023, 6, 1)  # the latest
    assert archief.brondatum_eigenschap([""], "datum") is None  # empty: no date
    with pytest.raises(BrondatumError, match="geen eigenschap 'datum'"):
        archief.brondatum_eigenschap([], "datum")  # missing: error
    with pytest.raises(BrondatumError, match="Geen geldige datumwaarde"):
        archief.brondatum_eigenschap(["morgen"], "datum")
    with pytest.raises(BrondatumError):
        archief.brondatum_eigenschap(["2023-01-01"], "")


def test_hoofdzaak_is_the_einddatum_of_the_hoofdzaak():
    assert archief.brondatum_hoofdzaak(True, D(2018, 4, 18)) == D(2018, 4, 18)
    assert archief.brondatum_hoofdzaak(True, None) is None  # hoofdzaak still open
    with pytest.raises(BrondatumError, match="geen deelzaak"):
        archief.brondatum_hoofdzaak(False, None)


def test_gerelateerde_zaak_is_the_latest_einddatum_of_the_related_zaken():
    assert archief.brondatum_gerelateerde_zaak([D(2018, 4, 26), "2019-02-01", None]) == D(2019, 2, 1)
    assert archief.brondatum_gerelateerde_zaak([None, None]) is None
    with pytest.raises(BrondatumError, match="geen gerelateerde zaken"):
        archief.brondatum_gerelateerde_zaak([])
    with pytest.raises(BrondatumError):
        archief.brondatum_gerelateerde_zaak(["gisteren"])


def test_ingangsdatum_besluit_is_the_latest_ingangsdatum():
    besluiten = [{"ingangsdatum": "2016-01-01"}, {"ingangsdatum": "2024-01-01"}]
    assert archief.brondatum_ingangsdatum_besluit(besluiten) == D(2024, 1, 1)
    with pytest.raises(BrondatumError, match="geen besluiten"):
        archief.brondatum_ingangsdatum_besluit([])
    with pytest.raises(BrondatumError):
        archief.brondatum_ingangsdatum_besluit([{"ingangsdatum": "1-1-2024"}])


def test_vervaldatum_besluit_is_the_latest_vervaldatum():
    besluiten = [{"vervaldatum": "2022-01-01"}, {"vervaldatum": "2025-01-01"}, {"vervaldatum": None}]
    assert archief.brondatum_vervaldatum_besluit(besluiten) == D(2025, 1, 1)
    assert archief.brondatum_vervaldatum_besluit([{"vervaldatum": None}, {}]) is None  # none expires (yet)
    with pytest.raises(BrondatumError):
        archief.brondatum_vervaldatum_besluit([])


def test_termijn_is_the_einddatum_plus_the_procestermijn():
    assert archief.brondatum_termijn(D(2018, 4, 26), "P5M") == D(2018, 9, 26)
    assert archief.brondatum_termijn(D(2020, 1, 31), "P1M") == D(2020, 2, 29)  # calendar months
    assert archief.brondatum_termijn(D(2018, 4, 26), "P2Y10D") == D(2020, 5, 6)
    with pytest.raises(BrondatumError):
        archief.brondatum_termijn(D(2018, 4, 26), None)
    with pytest.raises(BrondatumError):
        archief.brondatum_termijn(D(2018, 4, 26), "vijf maanden")


def test_zaakobject_is_the_latest_named_attribute_of_the_objects_of_the_type():
    objecten = [{"waardepeildatum": "2008-1-1"}, {"waardepeildatum": "2013-1-1"}]
    assert archief.brondatum_zaakobject(objecten, "woz_waarde", "waardepeildatum") == D(2013, 1, 1)
    nested = [{"isVoor": {"peildatum": "2015-06-30"}}]
    assert archief.brondatum_zaakobject(nested, "woz_object", "isVoor.peildatum") == D(2015, 6, 30)
    assert archief.brondatum_zaakobject([{"datum": None}], "besluit", "datum") is None  # empty: no date
    with pytest.raises(BrondatumError, match="geen zaakobject"):
        archief.brondatum_zaakobject([], "woz_waarde", "waardepeildatum")
    with pytest.raises(BrondatumError, match="geen attribuut"):
        archief.brondatum_zaakobject([{"andere": "2013-1-1"}], "woz_waarde", "waardepeildatum")
    with pytest.raises(BrondatumError, match="Geen geldige datumwaarde"):
        archief.brondatum_zaakobject([{"waardepeildatum": "ooit"}], "woz_waarde", "waardepeildatum")


# ---- values -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("2023-01-01", D(2023, 1, 1)),
    ("2008-1-1", D(2008, 1, 1)),
    ("20230615", D(2023, 6, 15)),
    ("2023-06-15T10:00:00", D(2023, 6, 15)),
    ("2023-06-15T23:30:00Z", D(2023, 6, 16)),  # the Europe/Amsterdam day
    (" 2023-06-15 ", D(2023, 6, 15)),
    (D(2023, 6, 15), D(2023, 6, 15)),
    ("", None),
    (None, None),
])
def test_parse_date_value(value, expected):
    assert archief.parse_date_value(value) == expected


@pytest.mark.parametrize("value", ["2023-13-01", "15-06-2023", "morgen", 20230615, "2023-02-30"])
def test_parse_date_value_refuses_what_is_no_date(value):
    with pytest.raises(ValueError):
        archief.parse_date_value(value)


def test_add_archiefactietermijn():
    assert archief.add_archiefactietermijn(D(2018, 4, 26), "P1Y") == D(2019, 4, 26)
    assert archief.add_archiefactietermijn(D(2020, 2, 29), "P1Y") == D(2021, 2, 28)
    with pytest.raises(BrondatumError):
        archief.add_archiefactietermijn(D(2018, 4, 26), "tien jaar")


# ---- the whole rule --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule, sources, expected", [
    (ArchiveRule(afleidingswijze="afgehandeld"), FakeSources(), D(2024, 4, 20)),
    (ArchiveRule(afleidingswijze="ander_datumkenmerk"), FakeSources(), None),
    (ArchiveRule(afleidingswijze="eigenschap", datumkenmerk="d"), FakeSources(eigenschappen={"d": ["2020-1-2"]}),
     D(2020, 1, 2)),
    (ArchiveRule(afleidingswijze="hoofdzaak"), FakeSources(hoofdzaak=(True, D(2019, 1, 1))), D(2019, 1, 1)),
    (ArchiveRule(afleidingswijze="gerelateerde_zaak"), FakeSources(gerelateerd=[D(2017, 1, 1)]), D(2017, 1, 1)),
    (ArchiveRule(afleidingswijze="ingangsdatum_besluit"), FakeSources(besluiten=[{"ingangsdatum": "2016-05-01"}]),
     D(2016, 5, 1)),
    (ArchiveRule(afleidingswijze="vervaldatum_besluit"), FakeSources(besluiten=[{"vervaldatum": "2026-05-01"}]),
     D(2026, 5, 1)),
    (ArchiveRule(afleidingswijze="termijn", procestermijn="P1Y"), FakeSources(), D(2025, 4, 20)),
    (ArchiveRule(afleidingswijze="zaakobject", objecttype="pand", datumkenmerk="d"),
     FakeSources(objecten={"pand": [{"d": "2001-02-03"}]}), D(2001, 2, 3)),
    (ArchiveRule(afleidingswijze=""), FakeSources(), None),
])
def test_brondatum_dispatches_on_the_afleidingswijze(rule, sources, expected):
    assert archief.brondatum(rule, sources) == expected


def test_brondatum_asks_only_the_sources_of_its_afleidingswijze():
    sources = FakeSources(besluiten=[{"ingangsdatum": "2016-05-01"}])
    archief.brondatum(ArchiveRule(afleidingswijze="ingangsdatum_besluit"), sources)
    assert sources.asked == ["besluiten"]


def test_derive_fills_the_empty_values():
    rule = ArchiveRule(archiefnominatie="vernietigen", archiefactietermijn="P5Y", afleidingswijze="afgehandeld")
    assert derive(rule, FakeSources()) == archief.Derived("vernietigen", D(2029, 4, 20))


def test_derive_keeps_the_values_the_zaak_has_and_then_needs_no_brondatum():
    rule = ArchiveRule(archiefnominatie="vernietigen", archiefactietermijn="P5Y", afleidingswijze="eigenschap",
                       datumkenmerk="ontbreekt")
    sources = FakeSources()
    derived = derive(rule, sources, archiefnominatie="blijvend_bewaren", archiefactiedatum=D(2040, 1, 1))
    assert derived == archief.Derived("blijvend_bewaren", D(2040, 1, 1))
    assert sources.asked == []


def test_derive_without_archiefactietermijn_gives_no_date_and_asks_nothing():
    rule = ArchiveRule(archiefnominatie="blijvend_bewaren", archiefactietermijn=None, afleidingswijze="eigenschap",
                       datumkenmerk="ontbreekt")
    sources = FakeSources()
    assert derive(rule, sources) == archief.Derived("blijvend_bewaren", None)
    assert sources.asked == []


def test_derive_without_brondatum_gives_no_date():
    rule = ArchiveRule(archiefnominatie="vernietigen", archiefactietermijn="P5Y", afleidingswijze="hoofdzaak")
    assert derive(rule, FakeSources(hoofdzaak=(True, None))) == archief.Derived("vernietigen", None)


def test_derive_reports_a_configuration_the_zaak_does_not_match():
    rule = ArchiveRule(archiefnominatie="vernietigen", archiefactietermijn="P5Y", afleidingswijze="zaakobject",
                       objecttype="pand", datumkenmerk="d")
    with pytest.raises(BrondatumError):
        derive(rule, FakeSources())


def test_archive_rule_of_a_resultaattype():
    class RT:
        archiefnominatie = "vernietigen"
        archiefactietermijn = "P1Y"
        brondatum_archiefprocedure_afleidingswijze = "termijn"
        brondatum_archiefprocedure_datumkenmerk = ""
        brondatum_archiefprocedure_objecttype = ""
        brondatum_archiefprocedure_procestermijn = "P5M"

    assert ArchiveRule.of(RT) == ArchiveRule(archiefnominatie="vernietigen", archiefactietermijn="P1Y",
                                             afleidingswijze="termijn", procestermijn="P5M")
