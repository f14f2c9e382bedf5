"""Authorisation per besluittype (scopes besluiten.lezen/aanmaken/bijwerken/verwijderen and
audittrails.lezen, component brc): a besluit of a besluittype not granted is absent from lists
(one SQL condition, a constant number of queries) and 403 on its detail; besluitinformatieobjecten
follow their besluit's besluittype."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zaakwerk.besluiten.models import Besluit, BesluitInformatieObject

from .conftest import BESLUITEN, BIOS, besluit_body, brc, catalogi_url, make_besluittype

pytestmark = pytest.mark.django_db

ALL = ("besluiten.lezen", "besluiten.aanmaken", "besluiten.bijwerken", "besluiten.verwijderen")


@pytest.fixture
def two(api, system, catalogus, besluittype, iot, remote):
    """A besluit (with a besluitinformatieobject) of ``besluittype`` and one of another type."""
    other_type = make_besluittype(system, catalogus, "Ander besluit", informatieobjecttypen=[iot])
    document = remote.document(catalogi_url("informatieobjecttypen", iot))
    mine = api.post(BESLUITEN, besluit_body(besluittype, identificatie="MIJN")).json()
    theirs = api.post(BESLUITEN, besluit_body(other_type, identificatie="ANDER")).json()
    bios = {name: api.post(BIOS, {"besluit": b["url"], "informatieobject": document}).json()
            for name, b in (("mine", mine), ("theirs", theirs))}
    return {"mine": mine, "theirs": theirs, "other_type": other_type, "bios": bios, "document": document}


def test_lists_show_only_granted_besluittypen_and_details_are_403(client_for, besluittype, two):
    reader = client_for([brc(besluittype, "besluiten.lezen")])
    assert [b["identificatie"] for b in reader.get(BESLUITEN).json()["results"]] == ["MIJN"]
    assert reader.get(BESLUITEN).json()["count"] == 1
    assert reader.get(two["mine"]["url"]).status_code == 200
    assert reader.get(two["theirs"]["url"]).status_code == 403
    assert [b["url"] for b in reader.get(BIOS).json()] == [two["bios"]["mine"]["url"]]
    assert reader.get(two["bios"]["theirs"]["url"]).status_code == 403
    # expand does not leak a besluit the client may not see
    expanded = reader.get(BIOS, {"expand": "besluit"}).json()
    assert [e["_expand"]["besluit"]["identificatie"] for e in expanded] == ["MIJN"]


def test_without_any_grant_everything_is_403(client_for, besluittype, two):
    zaken_only = client_for([{"component": "zrc", "scopes": ["zaken.lezen"],
                              "zaaktype": "http://testserver/catalogi/api/v1/zaaktypen/x",
                              "max_vertrouwelijkheidaanduiding": "openbaar"}])
    assert zaken_only.get(BESLUITEN).status_code == 403
    assert zaken_only.get(BIOS).status_code == 403
    assert zaken_only.get(two["mine"]["url"]).status_code == 403


def test_writes_need_their_scope_on_the_besluittype(client_for, besluittype, two):
    body = besluit_body(besluittype)
    reader = client_for([brc(besluittype, "besluiten.lezen")])
    assert reader.post(BESLUITEN, body).status_code == 403
    assert reader.patch(two["mine"]["url"], {"toelichting": "x"}).status_code == 403
    assert reader.delete(two["mine"]["url"]).status_code == 403
    assert reader.post(BIOS, {"besluit": two["mine"]["url"], "informatieobject": two["document"]}).status_code == 403
    assert reader.delete(two["bios"]["mine"]["url"]).status_code == 403

    writer = client_for([brc(besluittype, *ALL)])
    # another besluittype: 403 on create (the besluittype is known after resolving it) and on the rest
    assert writer.post(BESLUITEN, besluit_body(two["other_type"])).status_code == 403
    assert writer.patch(two["theirs"]["url"], {"toelichting": "x"}).status_code == 403
    assert writer.delete(two["theirs"]["url"]).status_code == 403
    assert writer.delete(two["bios"]["theirs"]["url"]).status_code == 403
    assert Besluit.objects.count() == 2 and BesluitInformatieObject.objects.count() == 2
    # its own besluittype: allowed
    assert writer.post(BESLUITEN, body).status_code == 201
    assert writer.patch(two["mine"]["url"], {"toelichting": "x"}).status_code == 200
    assert writer.delete(two["bios"]["mine"]["url"]).status_code == 204
    assert writer.delete(two["mine"]["url"]).status_code == 204


def test_audit_trail_needs_audittrails_lezen_on_the_besluittype(client_for, besluittype, two):
    auditor = client_for([brc(besluittype, "audittrails.lezen")])
    assert auditor.get(two["mine"]["url"] + "/audittrail").status_code == 200
    assert auditor.get(two["theirs"]["url"] + "/audittrail").status_code == 403
    assert auditor.get(two["mine"]["url"]).status_code == 403  # audittrails.lezen is not besluiten.lezen
    reader = client_for([brc(besluittype, "besluiten.lezen")])
    assert reader.get(two["mine"]["url"] + "/audittrail").status_code == 403


def test_a_list_costs_the_same_number_of_queries_whatever_its_size(client_for, api, system, catalogus, besluittype):
    types = [besluittype] + [make_besluittype(system, catalogus, f"Type {n}") for n in range(3)]
    reader = client_for([brc(t, "besluiten.lezen") for t in types])
    api.post(BESLUITEN, besluit_body(besluittype))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert reader.get(BESLUITEN).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for t in types:
        for _ in range(3):
            api.post(BESLUITEN, besluit_body(t))
    assert count() == small
    assert reader.get(BESLUITEN).json()["count"] == 13
