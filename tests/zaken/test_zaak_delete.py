"""zrc-023: deleting a zaak removes it, its deelzaken, everything that belongs to them and their
audit trails (a notification per deleted zaak stays in the outbox); refused while a besluit names
the zaak (as the reference implementation does)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zaakwerk.catalogi.models import Eigenschap, ResultaatType, RolType, StatusType
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.zaken.models import (KlantContact, OpschortingPeriode, Resultaat, Rol, Status, Zaak, ZaakBesluit,
                                   ZaakContactMoment, ZaakEigenschap, ZaakInformatieObject, ZaakNotitie,
                                   ZaakObject, ZaakVerzoek)

from .conftest import ROOT, build_zaaktype, zaaktype_url
from .test_zaak_helpers import make_zaak, zaak_url

IO = "https://documenten.example/enkelvoudiginformatieobjecten/1"


def _everything(zaak) -> None:
    """One of every object that belongs to a zaak."""
    zt = zaak.zaaktype_id
    status = Status.objects.create(zaak=zaak, statustype=StatusType.objects.filter(zaaktype_id=zt).first(),
                                   datum_status_gezet=timezone.now())
    Zaak.objects.filter(pk=zaak.pk).update(huidige_status=status)
    Resultaat.objects.create(zaak=zaak, resultaattype=ResultaatType.objects.filter(zaaktype_id=zt).first())
    rol = Rol.objects.create(zaak=zaak, roltype=RolType.objects.filter(zaaktype_id=zt).first(),
                             betrokkene_type="medewerker", omschrijving="x", omschrijving_generiek="behandelaar")
    Status.objects.filter(pk=status.pk).update(gezetdoor=rol)
    ZaakObject.objects.create(zaak=zaak, object_type="pand", object_identificatie={"identificatie": "test"})
    ZaakEigenschap.objects.create(zaak=zaak, eigenschap=Eigenschap.objects.filter(zaaktype_id=zt).first(),
                                  naam="kenteken", waarde="test")
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=IO, status=status)
    KlantContact.objects.create(zaak=zaak, identificatie="kc", datumtijd=timezone.now())
    ZaakVerzoek.objects.create(zaak=zaak, verzoek="https://verzoeken.example/1")
    ZaakContactMoment.objects.create(zaak=zaak, contactmoment="https://contactmomenten.example/1")
    ZaakNotitie.objects.create(gerelateerd_aan=zaak, onderwerp="o", tekst="t")
    OpschortingPeriode.objects.create(zaak=zaak, start=timezone.localdate())


MODELS = (Status, Resultaat, Rol, ZaakObject, ZaakEigenschap, ZaakInformatieObject, KlantContact, ZaakVerzoek,
          ZaakContactMoment, ZaakNotitie, OpschortingPeriode)


def test_zrc_023_delete_removes_the_zaak_its_deelzaken_and_all_that_belongs_to_them(api, zaaktype):
    hoofd = make_zaak(zaaktype)
    deel = make_zaak(zaaktype, hoofdzaak=hoofd)
    blijft = make_zaak(zaaktype)
    for zaak in (hoofd, deel, blijft):
        _everything(zaak)
    api.patch(zaak_url(hoofd), {"omschrijving": "audit"})
    response = api.delete(zaak_url(hoofd))
    assert response.status_code == 204
    assert list(Zaak.objects.all()) == [blijft]
    for model in MODELS:
        remaining = model.objects.all()
        owner = "gerelateerd_aan_id" if model is ZaakNotitie else "zaak_id"
        assert {getattr(obj, owner) for obj in remaining} == {blijft.pk}, model
    assert not AuditTrail.objects.filter(hoofd_object_uuid__in=[hoofd.pk, deel.pk]).exists()
    assert AuditTrail.objects.filter(hoofd_object_uuid=blijft.pk).exists()
    destroyed = set(OutboxMessage.objects.filter(actie="destroy").values_list("resource_url", flat=True))
    assert destroyed == {zaak_url(hoofd), zaak_url(deel)}
    assert api.get(zaak_url(deel)).status_code == 404


def test_zrc_023_a_deelzaak_may_be_deleted_alone(api, zaaktype):
    hoofd = make_zaak(zaaktype)
    deel = make_zaak(zaaktype, hoofdzaak=hoofd)
    assert api.delete(zaak_url(deel)).status_code == 204
    assert list(Zaak.objects.all()) == [hoofd]
    assert api.get(zaak_url(hoofd)).json()["deelzaken"] == []


def test_delete_is_refused_while_a_besluit_names_the_zaak(api, zaaktype):
    hoofd = make_zaak(zaaktype)
    deel = make_zaak(zaaktype, hoofdzaak=hoofd)
    _everything(hoofd)
    besluit = ZaakBesluit.objects.create(zaak=deel, besluit="https://besluiten.example/1")
    response = api.delete(zaak_url(hoofd))
    # the state of the zaak conflicts with deleting it: 409, which zaak_destroy documents (no 400)
    assert response.status_code == 409
    assert response.json()["code"] == "related-besluiten"
    assert Zaak.objects.count() == 2 and Status.objects.count() == 1
    assert not OutboxMessage.objects.filter(actie="destroy").exists()
    besluit.delete()
    assert api.delete(zaak_url(hoofd)).status_code == 204


def test_deleting_a_hoofdzaak_needs_verwijderen_on_the_deelzaken_too(client_for, zaaktype, system, catalogus):
    ander = build_zaaktype(system, catalogus, identificatie="ZT-ANDER")
    hoofd = make_zaak(zaaktype, vertrouwelijkheidaanduiding="openbaar")
    make_zaak(ander, vertrouwelijkheidaanduiding="openbaar", hoofdzaak=hoofd)
    remover = client_for([{"component": "zrc", "scopes": ["zaken.verwijderen"], "zaaktype": zaaktype_url(zaaktype),
                           "max_vertrouwelijkheidaanduiding": "openbaar"}])
    assert remover.delete(zaak_url(hoofd)).status_code == 403
    assert Zaak.objects.count() == 2


def test_zrc_023_the_documenten_register_hears_of_the_deleted_zaken(api, zaaktype, recording_documenten):
    zaak = make_zaak(zaaktype)
    ZaakInformatieObject.objects.create(zaak=zaak, informatieobject=IO)
    assert api.delete(zaak_url(zaak)).status_code == 204
    assert recording_documenten.calls == [("object_verwijderd", "zaak", zaak_url(zaak), [IO])]


@pytest.mark.parametrize("method", ["get", "delete"])
def test_unknown_zaak_is_404(api, zaaktype, method):
    assert getattr(api, method)(f"{ROOT}/zaken/00000000-0000-0000-0000-000000000000").status_code == 404
