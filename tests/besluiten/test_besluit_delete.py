"""brc-009: deleting a besluit is a hard delete of the besluit, its besluitinformatieobjecten (their
objectinformatieobjecten cleaned up in this server's Documenten register), its zaakbesluit and its
audit trail; the notification of the deletion stays."""

from __future__ import annotations

import pytest

from zaakwerk.besluiten.models import Besluit, BesluitInformatieObject
from zaakwerk.core import registers
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import Zaak, ZaakBesluit

from ..zaken.test_relaties_support import close
from .conftest import BESLUITEN, BIOS, besluit_body, brc, catalogi_url, notifications, uuid_of, zaak_url
from .test_informatieobjecten import RecordingDocumenten, local_document

pytestmark = pytest.mark.django_db


def test_brc_009_delete_takes_relations_and_audit_trail(api, besluittype, zaak, remote, iot, monkeypatch):
    fake = RecordingDocumenten()
    previous = registers.register_documenten(fake)
    try:
        besluit = api.post(BESLUITEN, besluit_body(besluittype, zaak=zaak_url(zaak))).json()
        local = local_document(monkeypatch, iot)
        foreign = remote.document(catalogi_url("informatieobjecttypen", iot))
        for document in (local, foreign):
            assert api.post(BIOS, {"besluit": besluit["url"], "informatieobject": document}).status_code == 201
        assert api.get(besluit["url"] + "/audittrail").json()
        assert ZaakBesluit.objects.filter(zaak=zaak).count() == 1

        assert api.delete(besluit["url"]).status_code == 204
    finally:
        registers.register_documenten(previous)

    assert not Besluit.objects.exists() and not BesluitInformatieObject.objects.exists()
    assert api.get(besluit["url"]).status_code == 404
    assert api.get(BIOS, {"besluit": besluit["url"]}).json() == []  # brc-008a of the suite
    assert api.get(besluit["url"] + "/audittrail").status_code == 404  # brc-008b of the suite
    assert not AuditTrail.objects.filter(hoofd_object_uuid=uuid_of(besluit["url"])).exists()
    # the mirrored objectinformatieobject of the local document goes; the foreign one is not ours
    assert fake.calls[-1] == ("object_verwijderd", "besluit", besluit["url"], [local])
    # the zaakbesluit goes too (recorded on the zaak), so the zaak can now be deleted
    assert not ZaakBesluit.objects.exists()
    assert ("zaakbesluit", "destroy") in list(AuditTrail.objects.filter(hoofd_object_uuid=zaak.pk)
                                              .values_list("resource", "actie"))
    assert notifications()[-1] == ("besluit", "destroy")
    destroy = OutboxMessage.objects.get(kanaal="besluiten", actie="destroy")
    assert destroy.kenmerken["verantwoordelijke_organisatie"] == "517439943"
    assert api.delete(zaak_url(zaak), headers={"Accept-Crs": "EPSG:4326"}).status_code == 204
    assert not Zaak.objects.exists()


def test_a_zaak_with_a_besluit_cannot_be_deleted_before_the_besluit(api, besluittype, zaak):
    api.post(BESLUITEN, besluit_body(besluittype, zaak=zaak_url(zaak)))
    assert api.delete(zaak_url(zaak), headers={"Accept-Crs": "EPSG:4326"}).status_code == 409
    assert Besluit.objects.count() == 1


def test_delete_of_a_besluit_of_a_closed_zaak_needs_zaken_geforceerd_bijwerken(api, client_for, besluittype, zaak):
    besluit = api.post(BESLUITEN, besluit_body(besluittype, zaak=zaak_url(zaak))).json()
    close(zaak)
    remover = client_for([brc(besluittype, "besluiten.verwijderen")])
    assert remover.delete(besluit["url"]).status_code == 403
    assert Besluit.objects.count() == 1 and ZaakBesluit.objects.count() == 1
    assert AuditTrail.objects.filter(hoofd_object_uuid=uuid_of(besluit["url"])).exists()


def test_delete_of_a_besluit_with_a_foreign_zaak(api, besluittype, zaaktype, remote):
    foreign = remote.add("/zaken/api/v1/zaken/1", {"url": "x", "bronorganisatie": "000000000",
                                                   "zaaktype": catalogi_url("zaaktypen", zaaktype)})
    besluit = api.post(BESLUITEN, besluit_body(besluittype, zaak=foreign)).json()
    assert api.delete(besluit["url"]).status_code == 204
    assert not Besluit.objects.exists()
