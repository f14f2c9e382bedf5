"""Every list filter of GET /zaken (1.7.0), ordering, and POST /zaken/_zoek: the same filters in a
body, uuid__in, zaaktype__in, and zaakgeometrie.within for every GeoJSON geometry type."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zaakwerk.catalogi.models import RolType
from zaakwerk.zaken.models import Rol, Zaak

from .conftest import ROOT, build_zaaktype, zaaktype_url
from .test_zaak_helpers import invalid_params, make_zaak, zaak_url

ZAKEN = f"{ROOT}/zaken"
ZOEK = f"{ZAKEN}/_zoek"
D = dt.date.fromisoformat
BETROKKENE = "https://personen.example/ingeschrevenpersonen/111222333"


def _rol(zaak, generiek: str, betrokkene_type: str, **columns) -> Rol:
    roltype = RolType.objects.filter(zaaktype_id=zaak.zaaktype_id, omschrijving_generiek=generiek).first() \
        or RolType.objects.filter(zaaktype_id=zaak.zaaktype_id).first()
    return Rol.objects.create(zaak=zaak, roltype=roltype, betrokkene_type=betrokkene_type, omschrijving=generiek,
                              omschrijving_generiek=generiek, **columns)


@pytest.fixture
def zt2(system, catalogus):
    return build_zaaktype(system, catalogus, identificatie="ZT-TWEE")


@pytest.fixture
def zaken(zaaktype, zt2):
    """A, B and C with different values for every filter."""
    a = make_zaak(zaaktype, identificatie="A", startdatum=D("2024-01-10"), registratiedatum=D("2024-01-10"),
                  einddatum_gepland=D("2024-02-15"), uiterlijke_einddatum_afdoening=D("2024-03-01"),
                  publicatiedatum=D("2024-01-11"), vertrouwelijkheidaanduiding="openbaar",
                  archiefnominatie="vernietigen", archiefactiedatum=D("2030-01-01"))
    b = make_zaak(zt2, identificatie="B", bronorganisatie="000000000", startdatum=D("2024-02-10"),
                  registratiedatum=D("2024-02-10"), einddatum_gepland=D("2024-03-15"),
                  uiterlijke_einddatum_afdoening=D("2024-04-01"), vertrouwelijkheidaanduiding="geheim",
                  archiefnominatie="blijvend_bewaren")
    c = make_zaak(zaaktype, identificatie="C", startdatum=D("2024-03-10"), registratiedatum=D("2024-03-10"),
                  einddatum_gepland=D("2024-04-15"), uiterlijke_einddatum_afdoening=D("2024-05-01"),
                  publicatiedatum=D("2024-03-11"), vertrouwelijkheidaanduiding="intern")
    Zaak.objects.filter(pk=a.pk).update(einddatum=D("2024-02-01"))
    Zaak.objects.filter(pk=b.pk).update(archiefstatus="gearchiveerd")
    Zaak.objects.filter(pk=c.pk).update(einddatum=D("2024-04-01"))
    _rol(a, "initiator", "natuurlijk_persoon", betrokkene=BETROKKENE, inp_bsn="111222333")
    _rol(b, "behandelaar", "medewerker", medewerker_identificatie="mw1")
    _rol(c, "initiator", "niet_natuurlijk_persoon", inn_nnp_id="123456782", ann_identificatie="ann1")
    _rol(c, "behandelaar", "vestiging", vestigings_nummer="v1")
    _rol(c, "behandelaar", "organisatorische_eenheid", organisatorische_eenheid_identificatie="oe1")
    _rol(c, "initiator", "natuurlijk_persoon", anp_identificatie="anp1", inp_a_nummer="1234567890")
    return {"A": a, "B": b, "C": c}


def found(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [z["identificatie"] for z in response.json()["results"]]


CASES = [
    ({}, "CBA"),
    ({"identificatie": "A"}, "A"),
    ({"bronorganisatie": "000000000"}, "B"),
    ({"bronorganisatie__in": "000000000,517439943"}, "CBA"),
    ({"bronorganisatie__in": "123"}, ""),
    ({"archiefnominatie": "vernietigen"}, "A"),
    ({"archiefnominatie__in": "vernietigen,blijvend_bewaren"}, "BA"),
    ({"archiefactiedatum": "2030-01-01"}, "A"),
    ({"archiefactiedatum__lt": "2031-01-01"}, "A"),
    ({"archiefactiedatum__gt": "2030-01-01"}, ""),
    ({"archiefactiedatum__isnull": "true"}, "CB"),
    ({"archiefactiedatum__isnull": "false"}, "A"),
    ({"archiefstatus": "gearchiveerd"}, "B"),
    ({"archiefstatus__in": "nog_te_archiveren"}, "CA"),
    ({"startdatum": "2024-02-10"}, "B"),
    ({"startdatum__gt": "2024-02-10"}, "C"),
    ({"startdatum__gte": "2024-02-10"}, "CB"),
    ({"startdatum__lt": "2024-02-10"}, "A"),
    ({"startdatum__lte": "2024-02-10"}, "BA"),
    ({"registratiedatum": "2024-03-10"}, "C"),
    ({"registratiedatum__gt": "2024-01-10"}, "CB"),
    ({"registratiedatum__lt": "2024-02-10"}, "A"),
    ({"einddatum": "2024-02-01"}, "A"),
    ({"einddatum__isnull": "true"}, "B"),
    ({"einddatum__gt": "2024-02-01"}, "C"),
    ({"einddatum__lt": "2024-04-01"}, "A"),
    ({"einddatumGepland": "2024-03-15"}, "B"),
    ({"einddatumGepland__gt": "2024-03-15"}, "C"),
    ({"einddatumGepland__lt": "2024-03-15"}, "A"),
    ({"uiterlijkeEinddatumAfdoening": "2024-04-01"}, "B"),
    ({"uiterlijkeEinddatumAfdoening__gt": "2024-04-01"}, "C"),
    ({"uiterlijkeEinddatumAfdoening__lt": "2024-04-01"}, "A"),
    ({"rol__betrokkeneType": "medewerker"}, "B"),
    ({"rol__betrokkeneType": "vestiging"}, "C"),
    ({"rol__betrokkene": BETROKKENE}, "A"),
    ({"rol__omschrijvingGeneriek": "initiator"}, "CA"),
    ({"rol__omschrijvingGeneriek": "adviseur"}, ""),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "111222333"}, "A"),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": "anp1"}, "C"),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": "1234567890"}, "C"),
    ({"rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": "123456782"}, "C"),
    ({"rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": "ann1"}, "C"),
    ({"rol__betrokkeneIdentificatie__vestiging__vestigingsNummer": "v1"}, "C"),
    ({"rol__betrokkeneIdentificatie__medewerker__identificatie": "mw1"}, "B"),
    ({"rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie": "oe1"}, "C"),
    ({"rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie": "mw1"}, ""),
    ({"maximaleVertrouwelijkheidaanduiding": "intern"}, "CA"),
    ({"maximaleVertrouwelijkheidaanduiding": "openbaar"}, "A"),
    ({"maximaleVertrouwelijkheidaanduiding": "zeer_geheim"}, "CBA"),
    # several filters: all must hold (each rol filter on its own)
    ({"rol__omschrijvingGeneriek": "behandelaar", "bronorganisatie": "517439943"}, "C"),
    ({"rol__betrokkeneType": "vestiging", "rol__omschrijvingGeneriek": "initiator"}, "C"),
]


@pytest.mark.parametrize("params, expected", CASES, ids=[",".join(p) or "none" for p, _ in CASES])
def test_list_filter(api, zaken, params, expected):
    assert found(api.get(ZAKEN, params)) == list(expected)


@pytest.mark.parametrize("params, expected", CASES, ids=[",".join(p) or "none" for p, _ in CASES])
def test_zoek_takes_the_same_filters(api, zaken, params, expected):
    body = {}
    for name, value in params.items():
        if name.endswith("__in"):
            body[name] = value.split(",")
        elif name.endswith("__isnull"):
            body[name] = value == "true"
        else:
            body[name] = value
    assert found(api.post(ZOEK, body)) == list(expected)


def test_zaaktype_filter(api, zaken, zaaktype, zt2):
    assert found(api.get(ZAKEN, {"zaaktype": zaaktype_url(zt2)})) == ["B"]
    assert found(api.get(ZAKEN, {"zaaktype": zaaktype_url(zaaktype)})) == ["C", "A"]
    assert found(api.get(ZAKEN, {"zaaktype": "https://elders.example/zaaktypen/1"})) == []
    assert invalid_params(api.get(ZAKEN, {"zaaktype": "geen url"})) == [("zaaktype", "invalid")]


@pytest.mark.parametrize("params, name", [
    ({"startdatum__gt": "morgen"}, "startdatum__gt"),
    ({"einddatum__isnull": "misschien"}, "einddatum__isnull"),
    ({"archiefnominatie": "bewaren"}, "archiefnominatie"),
    ({"archiefstatus__in": "gearchiveerd,vernietigd"}, "archiefstatus__in"),
    ({"rol__betrokkeneType": "robot"}, "rol__betrokkeneType"),
    ({"rol__betrokkene": "geen url"}, "rol__betrokkene"),
    ({"maximaleVertrouwelijkheidaanduiding": "topgeheim"}, "maximaleVertrouwelijkheidaanduiding"),
    ({"ordering": "omschrijving"}, "ordering"),
    ({"onbekend": "x"}, "nonFieldErrors"),
    ({"rol__betrokkeneIdentificatie__natuurlijkPersoon__bsn": "1"}, "nonFieldErrors"),
])
def test_bad_or_unknown_filters_are_400(api, zaken, params, name):
    response = api.get(ZAKEN, params)
    assert response.status_code == 400
    assert invalid_params(response)[0][0] == name


@pytest.mark.parametrize("name, max_length", [
    ("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn", 9),
    ("rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie", 17),
    ("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer", 10),
    ("rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie", 17),
    ("rol__betrokkeneIdentificatie__vestiging__vestigingsNummer", 24),
    ("rol__betrokkeneIdentificatie__medewerker__identificatie", 254),
])
def test_rol_identificatie_filters_have_the_max_length_of_the_oas(api, zaken, name, max_length):
    assert api.get(ZAKEN, {name: "1" * max_length}).status_code == 200
    response = api.get(ZAKEN, {name: "1" * (max_length + 1)})
    assert response.status_code == 400 and invalid_params(response) == [(name, "max_length")]
    # ZaakZoek's properties have no maxLength: a longer value there simply matches nothing
    assert found(api.post(ZOEK, {name: "1" * (max_length + 1)})) == []


@pytest.mark.parametrize("ordering, expected", [
    ("identificatie", "ABC"), ("-identificatie", "CBA"), ("startdatum", "ABC"), ("-startdatum", "CBA"),
    ("registratiedatum", "ABC"), ("publicatiedatum,identificatie", None), ("-archiefactiedatum,identificatie", None),
    ("einddatum,-identificatie", None),
])
def test_ordering(api, zaken, ordering, expected):
    result = found(api.get(ZAKEN, {"ordering": ordering}))
    if expected is not None:
        assert result == list(expected)
    else:
        assert sorted(result) == ["A", "B", "C"]
    assert found(api.post(ZOEK, {"ordering": ordering})) == result


def test_ordering_with_nulls_is_stable(api, zaken):
    # B has no publicatiedatum: it sorts at one end, the others by date
    result = found(api.get(ZAKEN, {"ordering": "publicatiedatum"}))
    assert [x for x in result if x != "B"] == ["A", "C"]


# ---- _zoek only -------------------------------------------------------------------------------------


def test_zoek_uuid_in_and_zaaktype_in(api, zaken, zaaktype, zt2):
    a, b = zaken["A"], zaken["B"]
    assert found(api.post(ZOEK, {"uuid__in": [str(a.pk), str(b.pk)]})) == ["B", "A"]
    assert found(api.post(ZOEK, {"zaaktype__in": [zaaktype_url(zt2)]})) == ["B"]
    assert found(api.post(ZOEK, {"zaaktype__in": [zaaktype_url(zt2), zaaktype_url(zaaktype)],
                                 "identificatie": "C"})) == ["C"]
    assert found(api.post(ZOEK, {"uuid__in": []})) == ["C", "B", "A"]
    assert invalid_params(api.post(ZOEK, {"uuid__in": ["geen-uuid"]}))[0][0] == "uuid__in.0"


def test_zoek_validates_its_body(api, zaken):
    assert invalid_params(api.post(ZOEK, {"startdatum__gt": "gisteren"})) == [("startdatum__gt", "invalid")]
    assert invalid_params(api.post(ZOEK, {"einddatum__isnull": "ja"}))[0][0] == "einddatum__isnull"
    assert invalid_params(api.post(ZOEK, {"archiefnominatie": "bewaren"})) == [("archiefnominatie", "invalid_choice")]
    assert api.post(ZOEK, {}, QUERY_STRING="onbekend=1").status_code == 400


def test_zoek_paginates_and_expands(api, zaken, zaaktype, settings):
    settings.ZAAKWERK_PAGE_SIZE = 2
    first = api.post(ZOEK, {"expand": "zaaktype"})
    assert first.json()["count"] == 3 and len(first.json()["results"]) == 2
    assert first.json()["results"][0]["_expand"]["zaaktype"]["url"] == zaaktype_url(zaaktype)
    second = api.post(f"{ZOEK}?page=2", {"expand": "zaaktype"})
    assert found(second) == ["A"]


# ---- zaakgeometrie.within --------------------------------------------------------------------------

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}

INSIDE_SQUARE = {
    "point": {"type": "Point", "coordinates": [5, 5]},
    "multipoint": {"type": "MultiPoint", "coordinates": [[1, 1], [2, 2]]},
    "linestring": {"type": "LineString", "coordinates": [[1, 1], [9, 9]]},
    "multilinestring": {"type": "MultiLineString", "coordinates": [[[1, 1], [2, 2]], [[3, 3], [4, 4]]]},
    "polygon": {"type": "Polygon", "coordinates": [[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]},
    "multipolygon": {"type": "MultiPolygon", "coordinates": [[[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]],
                                                           [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]]]},
    "collection": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [3, 3]},
                                                               {"type": "LineString", "coordinates": [[4, 4], [5, 5]]}]},
}
PARTLY_OUTSIDE = {
    "point-out": {"type": "Point", "coordinates": [20, 20]},
    "multipoint-out": {"type": "MultiPoint", "coordinates": [[1, 1], [20, 20]]},
    "linestring-out": {"type": "LineString", "coordinates": [[1, 1], [19, 19]]},
    "multilinestring-out": {"type": "MultiLineString", "coordinates": [[[1, 1], [2, 2]], [[3, 3], [14, 4]]]},
    "polygon-out": {"type": "Polygon", "coordinates": [[[5, 5], [15, 5], [15, 6], [5, 6], [5, 5]]]},
    "multipolygon-out": {"type": "MultiPolygon", "coordinates": [[[[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]],
                                                               [[[15, 5], [16, 5], [16, 6], [15, 6], [15, 5]]]]},
    "collection-out": {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [3, 3]},
                                                                   {"type": "Point", "coordinates": [-3, 3]}]},
}


@pytest.fixture
def geo_zaken(zaaktype):
    out = {}
    for name, geometry in {**INSIDE_SQUARE, **PARTLY_OUTSIDE}.items():
        out[name] = make_zaak(zaaktype, identificatie=name, zaakgeometrie=geometry)
    out["zonder"] = make_zaak(zaaktype, identificatie="zonder")
    return out


def within(api, geometry) -> set[str]:
    return set(found(api.post(ZOEK, {"zaakgeometrie": {"within": geometry}})))


def test_within_a_polygon_every_stored_geometry_type(api, geo_zaken):
    """Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection:
    each stored kind inside the square is found, each kind partly outside is not."""
    assert within(api, SQUARE) == set(INSIDE_SQUARE)


def test_within_an_l_shape_uses_the_exact_geometry_not_the_box(api, geo_zaken):
    # the square without its upper right quarter: the box is the same, the geometry is not
    l_shape = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10], [0, 0]]]}
    assert within(api, l_shape) == {"multipoint", "multilinestring", "polygon"}


@pytest.mark.parametrize("geometry, expected", [
    ({"type": "Point", "coordinates": [5, 5]}, {"point"}),
    ({"type": "MultiPoint", "coordinates": [[5, 5], [3, 3], [20, 20]]}, {"point", "point-out"}),
    ({"type": "LineString", "coordinates": [[0, 0], [10, 10]]},
     {"point", "multipoint", "linestring", "multilinestring", "collection"}),
    ({"type": "MultiLineString", "coordinates": [[[0, 0], [10, 10]], [[20, 0], [20, 30]]]},
     {"point", "multipoint", "linestring", "multilinestring", "collection", "point-out", "multipoint-out"}),
    (SQUARE, set(INSIDE_SQUARE)),
    ({"type": "MultiPolygon", "coordinates": [
        [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]]],
        [[[19, 19], [21, 19], [21, 21], [19, 21], [19, 19]]]]}, {"multipoint", "polygon", "point-out", "multipoint-out"}),
    # a collection is the union of its parts: the square inside its polygon is within it
    ({"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "coordinates": [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]]]},
        {"type": "Point", "coordinates": [20, 20]}]}, {"multipoint", "polygon", "point-out", "multipoint-out"}),
])
def test_within_every_search_geometry_type(api, geo_zaken, geometry, expected):
    assert within(api, geometry) == expected


def test_within_combines_with_other_filters_and_authorisation(api, geo_zaken):
    response = api.post(ZOEK, {"zaakgeometrie": {"within": SQUARE}, "identificatie": "point"})
    assert found(response) == ["point"]


def test_within_narrows_in_sql_with_the_bounding_box(api, geo_zaken):
    with CaptureQueriesContext(connection) as queries:
        api.post(ZOEK, {"zaakgeometrie": {"within": SQUARE}})
    candidate_sql = [q["sql"] for q in queries.captured_queries if '"zaakgeometrie"' in q["sql"]
                     and "geometrie_min_x" in q["sql"]]
    assert candidate_sql, "the candidate query must use the bounding box columns"


@pytest.mark.parametrize("geometry", [
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0]]]},
    {"type": "Cirkel"},
    "POLYGON ((0 0, 1 0, 1 1, 0 0))",
])
def test_within_bad_geometry_is_400(api, geo_zaken, geometry):
    response = api.post(ZOEK, {"zaakgeometrie": {"within": geometry}})
    assert response.status_code == 400
    assert invalid_params(response)[0][0].startswith("zaakgeometrie")


def test_within_a_self_intersecting_polygon_still_answers(api, geo_zaken):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]]]}
    response = api.post(ZOEK, {"zaakgeometrie": {"within": bowtie}})
    assert response.status_code == 200


def test_suite_geo_search_point_within_point(api, zaaktype):
    """The OAS suite's _zoek: bronorganisatie + a Point."""
    make_zaak(zaaktype, bronorganisatie="000000000", zaakgeometrie={"type": "Point", "coordinates": [53, 5]})
    response = api.post(f"{ZOEK}?page=1", {"bronorganisatie": "000000000",
                                           "zaakgeometrie": {"within": {"type": "Point", "coordinates": [53, 5]}}})
    assert response.status_code == 200 and response.json()["count"] == 1


def test_geometry_update_moves_the_box(api, zaaktype):
    zaak = make_zaak(zaaktype, identificatie="verhuist", zaakgeometrie={"type": "Point", "coordinates": [20, 20]})
    assert within(api, SQUARE) == set()
    api.patch(zaak_url(zaak), {"zaakgeometrie": {"type": "Point", "coordinates": [5, 5]}})
    assert within(api, SQUARE) == {"verhuist"}
    api.patch(zaak_url(zaak), {"zaakgeometrie": None})
    assert within(api, SQUARE) == set()
    assert Zaak.objects.get().geometrie_min_x is None
