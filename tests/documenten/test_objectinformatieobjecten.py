"""``/objectinformatieobjecten`` (drc-002, drc-003, drc-004) and the in-process mirror the Zaken
register drives through ``core.registers`` (zrc-005, zrc-022, zrc-023)."""

from __future__ import annotations

import pytest

from zaakwerk.catalogi import domain as catalogi
from zaakwerk.core import registers
from zaakwerk.documenten.models import ObjectInformatieObject

from ..zaken.conftest import CRS, build_zaaktype, zaak_body
from .documenten_support import *
from .documenten_support import (
    BASE,
    codes,
    create,
    notifications,
    path_of,
    trail,
)

pytestmark = pytest.mark.django_db

OIO = "/documenten/api/v1/objectinformatieobjecten"
ZIO = "/zaken/api/v1/zaakinformatieobjecten"


@pytest.fixture
def zaak(api, system, catalogus, iot):
    zaaktype = build_zaaktype(system, catalogus, publish=False)
    catalogi.create_zaaktypeinformatieobjecttype(system, {"zaaktype": zaaktype, "informatieobjecttype": "aanvraag",
                                                          "volgnummer": 1, "richting": "inkomend"})
    catalogi.publish_zaaktype(system, zaaktype)
    response = api.post("/zaken/api/v1/zaken", zaak_body(zaaktype), headers=CRS)
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def document(api, iot):
    return create(api, iot)


def test_the_register_is_plugged_in():
    from zaakwerk.documenten.domain.relaties import REGISTER

    assert registers.documenten() is REGISTER


def test_zrc_005_a_zio_is_mirrored_and_its_removal_removes_the_mirror(api, zaak, document):
    zio = api.post(ZIO, {"zaak": zaak["url"], "informatieobject": document["url"]})
    assert zio.status_code == 201, zio.json()
    found = api.get(OIO, {"object": zaak["url"], "informatieobject": document["url"]}).json()
    assert [(o["object"], o["informatieobject"], o["objectType"]) for o in found] == \
        [(zaak["url"], document["url"], "zaak")]
    uuid = document["url"].rsplit("/", 1)[1]
    assert "objectinformatieobject" in [e.resource for e in trail(uuid)]
    assert [n.actie for n in notifications("objectinformatieobject")] == ["create"]
    # drc-008: the document cannot go while related
    assert codes(api.delete(path_of(document["url"])))[0] == ("nonFieldErrors", "pending-relations")
    # a client deleting the mirror while the ZIO exists is refused
    assert api.delete(path_of(found[0]["url"])).status_code == 400
    assert api.delete(path_of(zio.json()["url"])).status_code == 204
    assert api.get(OIO, {"object": zaak["url"], "informatieobject": document["url"]}).json() == []


def test_drc_003_posting_an_existing_relation_is_unique(api, zaak, document):
    api.post(ZIO, {"zaak": zaak["url"], "informatieobject": document["url"]})
    response = api.post(OIO, {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"})
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "unique")
    assert ObjectInformatieObject.objects.count() == 1


def test_drc_004_relation_missing_in_the_zaken_register(api, zaak, document):
    response = api.post(OIO, {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"})
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "inconsistent-relation")


def test_drc_004_relation_present_in_the_zaken_register_is_accepted(api, zaak, document):
    """A relation the mirror did not make (here removed behind its back) can be posted."""
    api.post(ZIO, {"zaak": zaak["url"], "informatieobject": document["url"]})
    ObjectInformatieObject.objects.all().delete()
    response = api.post(OIO, {"informatieobject": document["url"], "object": zaak["url"], "objectType": "zaak"})
    assert response.status_code == 201, response.json()
    detail = api.get(path_of(response.json()["url"]), {"expand": "informatieobject"})
    assert detail.json()["_expand"]["informatieobject"]["url"] == document["url"]


def test_drc_002_object_that_does_not_resolve(api, document):
    for object_type in ("zaak", "besluit"):
        response = api.post(OIO, {"informatieobject": document["url"], "object": "http://127.0.0.2:9/404",
                                  "objectType": object_type})
        assert response.status_code == 400
        assert codes(response)[0] == ("object", "bad-url")
        local = f"{BASE}/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000"
        assert codes(api.post(OIO, {"informatieobject": document["url"], "object": local,
                                    "objectType": object_type}))[0][0] == "object"


def test_drc_002_object_of_another_kind_is_invalid_resource(api, zaak, document):
    response = api.post(OIO, {"informatieobject": document["url"], "object": zaak["url"], "objectType": "besluit"})
    assert codes(response)[0] == ("object", "invalid-resource")
    response = api.post(OIO, {"informatieobject": document["url"], "object": document["url"], "objectType": "zaak"})
    assert codes(response)[0] == ("object", "invalid-resource")


def test_zrc_023_deleting_the_zaak_removes_its_mirrors(api, zaak, document):
    api.post(ZIO, {"zaak": zaak["url"], "informatieobject": document["url"]})
    oio = api.get(OIO, {"object": zaak["url"]}).json()[0]
    assert api.delete(path_of(zaak["url"]), headers=CRS).status_code == 204
    assert api.get(path_of(oio["url"])).status_code == 404
    assert api.delete(path_of(document["url"])).status_code == 204


def test_zrc_022_niet_gearchiveerd(api, iot, document):
    from zaakwerk.documenten.domain.relaties import REGISTER

    archived = create(api, iot, status="gearchiveerd")
    foreign = "https://drc.example/documenten/api/v1/enkelvoudiginformatieobjecten/1"
    assert REGISTER.niet_gearchiveerd([document["url"], archived["url"], foreign]) == [document["url"]]


def test_list_is_authorised_through_the_document(api, client_for, zaak, document, other_iot):
    api.post(ZIO, {"zaak": zaak["url"], "informatieobject": document["url"]})
    blind = client_for(["documenten.lezen"], [other_iot])
    assert blind.get(OIO).json() == []
    oio = api.get(OIO).json()[0]
    assert blind.get(path_of(oio["url"])).status_code == 403
