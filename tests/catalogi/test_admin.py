"""The Catalogi admin is a thin adapter: a functioneel beheerder builds a zaaktype with its parts,
picks Selectielijst entries from lists, and publishes it; every write goes through the domain
(same rules, same audit trail and notification), and every refusal is shown in the admin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages

from zaakwerk.catalogi import domain
from zaakwerk.catalogi.models import (
    BesluitType,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
)
from zaakwerk.core.actor import Actor
from zaakwerk.core.models import AuditTrail, OutboxMessage
from zaakwerk.referentielijsten.data import lists

pytestmark = pytest.mark.django_db

BASE = "http://testserver"
REF = f"{BASE}/referentielijsten/api/v1/"
ADD_URL = "/admin/catalogi/zaaktype/add/"
CHANGELIST_URL = "/admin/catalogi/zaaktype/"


def change_url(obj) -> str:
    return f"/admin/catalogi/{obj._meta.model_name}/{obj.pk}/change/"


@pytest.fixture
def selectielijst():
    """Overrides the catalogi conftest's fake Selectielijst: the admin offers the real one that
    Zaakwerk ships, and the domain must find the chosen entries in it."""
    return None


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "b@example.org", "beheer")
    client.force_login(user)
    return client


@pytest.fixture
def catalogus(db):
    return domain.create_catalogus(Actor.system(BASE), {
        "domein": "TEST", "rsin": "002564440", "contactpersoon_beheer_naam": "Beheer"})


# ---- helpers --------------------------------------------------------------------------------------


def _put(data: dict, name: str, value) -> None:
    """Put a field's value into POST data the way a browser submits it."""
    if value is None:
        data[name] = ""
    elif isinstance(value, bool):
        if value:
            data[name] = "on"
    elif isinstance(value, (list, tuple)):
        data[name] = [str(v) for v in value]
    elif isinstance(value, dt.date):
        data[name] = value.isoformat()
    elif hasattr(value, "pk"):
        data[name] = str(value.pk)
    else:
        data[name] = str(value)


def form_data(response) -> dict:
    """The POST data of an unchanged admin change page: the main form and every inline formset
    (management form, existing rows, empty extra rows)."""
    data: dict = {}
    form = response.context["adminform"].form
    for name in form.fields:
        _put(data, form.add_prefix(name), form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = str(value)
        for row in formset.forms:
            for name in row.fields:
                _put(data, row.add_prefix(name), row[name].value())
    return data


def formset(response, prefix: str):
    return next(i.formset for i in response.context["inline_admin_formsets"] if i.formset.prefix == prefix)


def choice(field, label_start: str) -> str:
    """The value of the option whose label starts with ``label_start`` (groups flattened)."""
    for value, label in _flat(field.choices):
        if str(label).startswith(label_start):
            return value
    raise AssertionError(f"no option {label_start!r} in {list(_flat(field.choices))[:10]}")


def _flat(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield value, label


def procestype(nummer: int, jaar: int = 2020) -> dict:
    return next(p for p in lists().procestypen.values() if p["nummer"] == nummer and p["jaar"] == jaar)


def zaaktype_post(catalogus, procestype_value: str, **kw) -> dict:
    data = {
        "catalogus": str(catalogus.pk), "identificatie": "OMGV", "omschrijving": "Aanvraag omgevingsvergunning",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "doel": "Beslissen op een aanvraag.",
        "aanleiding": "Een aanvraag.", "indicatie_intern_of_extern": "extern", "handeling_initiator": "Aanvragen",
        "onderwerp": "Omgevingsvergunning", "handeling_behandelaar": "Behandelen", "doorlooptijd": "P8W",
        "servicenorm": "P6W", "trefwoorden": "bouwen, vergunning",
        "producten_of_diensten": "https://producten.example.org/omgevingsvergunning",
        "selectielijst_procestype": procestype_value, "referentieproces_naam": "Toestemming verlenen",
        "verantwoordelijke": "Team Vergunningen", "begin_geldigheid": "2026-01-01",
    }
    data.update(kw)
    return data


def add_zaaktype(admin_client, catalogus, **kw) -> ZaakType:
    """Create a zaaktype through the admin add form, picking procestype 11 (2020) from the list."""
    page = admin_client.get(ADD_URL)
    value = choice(page.context["adminform"].form.fields["selectielijst_procestype"], "11. Toestemming verlenen")
    response = admin_client.post(ADD_URL, zaaktype_post(catalogus, value, **kw))
    assert response.status_code == 302, _errors(response)
    return ZaakType.objects.get(identificatie=kw.get("identificatie", "OMGV"))


def _errors(response) -> str:
    if getattr(response, "context", None) and "adminform" in response.context:
        form = response.context["adminform"].form
        inline = [(i.formset.prefix, i.formset.errors, i.formset.non_form_errors())
                  for i in response.context["inline_admin_formsets"]]
        return f"{form.errors!r} {inline!r}"
    return response.content.decode()[:2000]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---- zaaktype ---------------------------------------------------------------------------------------


def test_add_form_creates_a_concept_zaaktype_through_the_domain(admin_client, catalogus):
    page = admin_client.get(ADD_URL)
    assert page.status_code == 200
    assert page.context["inline_admin_formsets"] == []  # parts are added once the zaaktype exists
    procestypen = page.context["adminform"].form.fields["selectielijst_procestype"].choices
    assert [group for group, _ in procestypen[1:]] == ["Selectielijst 2020", "Selectielijst 2017"]

    zt = add_zaaktype(admin_client, catalogus)

    assert zt.concept is True
    assert zt.selectielijst_procestype == REF + procestype(11)["url"]
    assert zt.trefwoorden == ["bouwen", "vergunning"]
    assert zt.referentieproces_naam == "Toestemming verlenen"
    entry = AuditTrail.objects.get(resource="zaaktype", actie="create")
    assert entry.gebruikers_id == "beheer"
    assert entry.resource_url == f"{BASE}/catalogi/api/v1/zaaktypen/{zt.pk}"
    assert OutboxMessage.objects.filter(kanaal="zaaktypen", actie="create").count() == 1


def test_add_form_shows_domain_errors_and_writes_nothing(admin_client, catalogus):
    page = admin_client.get(ADD_URL)
    value = choice(page.context["adminform"].form.fields["selectielijst_procestype"], "11.")
    response = admin_client.post(ADD_URL, zaaktype_post(
        catalogus, value, doorlooptijd="acht weken", verlenging_mogelijk="on"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "doorlooptijd" in errors["doorlooptijd"][0]
    assert "verlenging-mismatch" in errors["verlengingstermijn"][0]
    assert not ZaakType.objects.exists()
    assert not AuditTrail.objects.filter(resource="zaaktype").exists()


def test_inlines_add_statustype_and_resultaattype_with_selectielijstklasse_from_the_list(admin_client, catalogus):
    zt = add_zaaktype(admin_client, catalogus)
    page = admin_client.get(change_url(zt))
    assert page.status_code == 200
    resultaten = formset(page, "resultaattypen").forms[0]
    klassen = resultaten.fields["selectielijstklasse"].choices[1:]
    # only the resultaten of the zaaktype's procestype (11), labelled nummer – naam – waardering – bewaartermijn
    resultaten_11 = {r["url"] for r in lists().resultaten.values() if r["procesType"] == procestype(11)["url"]}
    assert {value for value, _ in klassen} == resultaten_11
    assert not any(label.startswith("15.") for _, label in klassen)
    assert "11.2 – Geweigerd – Vernietigen – P5Y" in [label for _, label in klassen]

    data = form_data(page)
    data.update({
        "statustypen-0-volgnummer": "1", "statustypen-0-omschrijving": "Ontvangen",
        "resultaattypen-0-omschrijving": "Geweigerd",
        "resultaattypen-0-resultaattypeomschrijving": choice(resultaten.fields["resultaattypeomschrijving"],
                                                             "Geweigerd"),
        "resultaattypen-0-selectielijstklasse": choice(resultaten.fields["selectielijstklasse"], "11.2 – "),
        "resultaattypen-0-brondatum_afleidingswijze": "afgehandeld",
        "_continue": "1",
    })
    response = admin_client.post(change_url(zt), data)
    assert response.status_code == 302, _errors(response)

    statustype = StatusType.objects.get(zaaktype=zt)
    assert (statustype.volgnummer, statustype.omschrijving) == (1, "Ontvangen")
    rt = ResultaatType.objects.get(zaaktype=zt)
    klasse = next(r for r in lists().resultaten.values()
                  if r["procesType"] == procestype(11)["url"] and r["volledigNummer"] == "11.2")
    assert rt.selectielijstklasse == REF + klasse["url"]
    assert rt.omschrijving_generiek == "Geweigerd"
    # left empty in the form: derived by the domain from the selectielijstklasse (ztc-002)
    assert (rt.archiefnominatie, rt.archiefactietermijn) == ("vernietigen", "P5Y")
    hoofd = f"{BASE}/catalogi/api/v1/zaaktypen/{zt.pk}"
    assert AuditTrail.objects.filter(resource="statustype", actie="create", hoofd_object=hoofd,
                                     gebruikers_id="beheer").count() == 1
    assert AuditTrail.objects.filter(resource="resultaattype", actie="create", hoofd_object=hoofd).count() == 1

    # the saved rows show their choices again, and an unchanged save writes nothing
    page = admin_client.get(change_url(zt))
    assert formset(page, "resultaattypen").forms[0]["selectielijstklasse"].value() == klasse["url"]
    before = AuditTrail.objects.count()
    response = admin_client.post(change_url(zt), {**form_data(page), "_continue": "1"})
    assert response.status_code == 302, _errors(response)
    assert AuditTrail.objects.count() == before


def test_inline_rule_error_ztc_003_is_shown_and_nothing_is_written(admin_client, catalogus):
    zt = add_zaaktype(admin_client, catalogus)
    page = admin_client.get(change_url(zt))
    resultaten = formset(page, "resultaattypen").forms[0]
    data = form_data(page)
    data.update({
        "omschrijving": "Aanvraag omgevingsvergunning (gewijzigd)",
        "statustypen-0-volgnummer": "1", "statustypen-0-omschrijving": "Ontvangen",
        "resultaattypen-0-omschrijving": "Geweigerd",
        "resultaattypen-0-resultaattypeomschrijving": choice(resultaten.fields["resultaattypeomschrijving"],
                                                             "Geweigerd"),
        # 11.2 has procestermijn "nihil", which demands afleidingswijze "afgehandeld"
        "resultaattypen-0-selectielijstklasse": choice(resultaten.fields["selectielijstklasse"], "11.2 – "),
        "resultaattypen-0-brondatum_afleidingswijze": "termijn",
        "resultaattypen-0-brondatum_procestermijn": "P10Y",
    })
    audit = AuditTrail.objects.count()
    response = admin_client.post(change_url(zt), data)

    assert response.status_code == 200
    row = formset(response, "resultaattypen").forms[0]
    assert "invalid-afleidingswijze-for-procestermijn" in str(row.non_field_errors())
    assert "invalid-afleidingswijze-for-procestermijn" in response.content.decode()
    # nothing of this submission was written: not the row, not its siblings, not the zaaktype
    assert not ResultaatType.objects.exists()
    assert not StatusType.objects.exists()
    assert ZaakType.objects.get(pk=zt.pk).omschrijving == "Aanvraag omgevingsvergunning"
    assert AuditTrail.objects.count() == audit


def test_rows_that_clash_with_each_other_are_refused_together(admin_client, catalogus):
    """Each row alone is fine; the second one meets the first when they are written in turn."""
    zt = add_zaaktype(admin_client, catalogus)
    page = admin_client.get(change_url(zt))
    data = form_data(page)
    data.update({"statustypen-TOTAL_FORMS": "2",
                 "statustypen-0-volgnummer": "1", "statustypen-0-omschrijving": "Ontvangen",
                 "statustypen-1-volgnummer": "1", "statustypen-1-omschrijving": "Afgehandeld",
                 "statustypen-1-uuid": "", "statustypen-1-zaaktype": str(zt.pk)})
    response = admin_client.post(change_url(zt), data)
    assert response.status_code == 200
    rows = formset(response, "statustypen").forms
    assert not rows[0].errors
    assert "unique" in str(rows[1].non_field_errors())
    assert not StatusType.objects.exists()


def test_deleting_an_inline_row_goes_through_the_domain(admin_client, catalogus):
    zt = add_zaaktype(admin_client, catalogus)
    roltype = domain.create_roltype(Actor.system(BASE), {"zaaktype": zt, "omschrijving": "Behandelaar",
                                                         "omschrijving_generiek": "behandelaar"})
    page = admin_client.get(change_url(zt))
    data = form_data(page)
    data["roltypen-0-DELETE"] = "on"
    response = admin_client.post(change_url(zt), {**data, "_continue": "1"})
    assert response.status_code == 302, _errors(response)
    assert not RolType.objects.exists()
    entry = AuditTrail.objects.get(resource="roltype", actie="destroy")
    assert entry.resource_url == f"{BASE}/catalogi/api/v1/roltypen/{roltype.pk}"


def test_publish_action_then_the_domain_refuses_changes(admin_client, catalogus):
    zt = add_zaaktype(admin_client, catalogus)
    domain.create_statustype(Actor.system(BASE), {"zaaktype": zt, "omschrijving": "Ontvangen", "volgnummer": 1})

    response = admin_client.post(CHANGELIST_URL, {"action": "publiceren", "_selected_action": [str(zt.pk)]})
    assert response.status_code == 302
    assert any(m.startswith("Gepubliceerd") for m in messages_of(response))
    zt.refresh_from_db()
    assert zt.concept is False
    assert AuditTrail.objects.filter(resource="zaaktype", actie="publish", gebruikers_id="beheer").count() == 1
    assert OutboxMessage.objects.filter(kanaal="zaaktypen", actie="publish").count() == 1

    # a published zaaktype is not changed (ztc-009): the refusal is shown on the form
    page = admin_client.get(change_url(zt))
    assert "Gepubliceerd" in page.content.decode()
    audit = AuditTrail.objects.count()
    response = admin_client.post(change_url(zt), {**form_data(page), "omschrijving": "Anders"})
    assert response.status_code == 200
    assert "non-concept-object" in str(response.context["adminform"].form.non_field_errors())
    assert ZaakType.objects.get(pk=zt.pk).omschrijving == "Aanvraag omgevingsvergunning"

    # nor are its parts (ztc-010)
    data = form_data(page)
    data.update({"roltypen-0-omschrijving": "Behandelaar", "roltypen-0-omschrijving_generiek": "behandelaar"})
    response = admin_client.post(change_url(zt), data)
    assert response.status_code == 200
    assert "non-concept-zaaktype" in str(formset(response, "roltypen").forms[0].non_field_errors())
    assert not RolType.objects.exists()
    assert AuditTrail.objects.count() == audit

    # publishing twice is refused, and said so
    response = admin_client.post(CHANGELIST_URL, {"action": "publiceren", "_selected_action": [str(zt.pk)]})
    assert any("niet gepubliceerd" in m and "non-concept-object" in m for m in messages_of(response))

    # ...but the one change the standard allows a published version, its eindeGeldigheid, is made
    response = admin_client.post(change_url(zt), {**form_data(page), "einde_geldigheid": "2026-12-31"})
    assert response.status_code == 302, _errors(response)
    assert ZaakType.objects.get(pk=zt.pk).einde_geldigheid == dt.date(2026, 12, 31)


def test_publish_refusal_ztc_012_is_shown_as_a_message(admin_client, catalogus):
    system = Actor.system(BASE)
    domain.create_besluittype(system, {"catalogus": catalogus, "omschrijving": "Vergunning verleend",
                                       "publicatie_indicatie": False, "informatieobjecttypen": [],
                                       "begin_geldigheid": dt.date(2026, 1, 1)})
    page = admin_client.get(ADD_URL)
    assert ("Vergunning verleend", "Vergunning verleend") in page.context["adminform"].form.fields["besluittypen"].choices
    zt = add_zaaktype(admin_client, catalogus, besluittypen=["Vergunning verleend"])
    assert list(zt.besluittype_links.values_list("besluittype_omschrijving", flat=True)) == ["Vergunning verleend"]

    response = admin_client.post(CHANGELIST_URL, {"action": "publiceren", "_selected_action": [str(zt.pk)]},
                                 follow=True)
    assert response.status_code == 200
    assert "concept-relation" in response.content.decode()
    assert ZaakType.objects.get(pk=zt.pk).concept is True


def test_deleting_a_published_zaaktype_is_refused_with_a_message(admin_client, catalogus):
    zt = add_zaaktype(admin_client, catalogus)
    domain.publish_zaaktype(Actor.system(BASE), zt)
    response = admin_client.post(f"/admin/catalogi/zaaktype/{zt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert any("non-concept-object" in m for m in messages_of(response))
    assert ZaakType.objects.filter(pk=zt.pk).exists()

    concept = add_zaaktype(admin_client, catalogus, identificatie="MOR")
    response = admin_client.post(CHANGELIST_URL, {"action": "delete_selected", "post": "yes",
                                                  "_selected_action": [str(zt.pk), str(concept.pk)]})
    assert response.status_code == 302
    assert not ZaakType.objects.filter(pk=concept.pk).exists()
    assert ZaakType.objects.filter(pk=zt.pk).exists()
    assert AuditTrail.objects.filter(resource="zaaktype", actie="destroy").count() == 1


# ---- informatieobjecttype, besluittype ----------------------------------------------------------


def test_informatieobjecttype_and_besluittype_through_the_admin(admin_client, catalogus):
    response = admin_client.post("/admin/catalogi/informatieobjecttype/add/", {
        "catalogus": str(catalogus.pk), "omschrijving": "Besluitbrief",
        "vertrouwelijkheidaanduiding": "zaakvertrouwelijk", "informatieobjectcategorie": "Brief",
        "trefwoord": "besluit, brief", "begin_geldigheid": "2026-01-01"})
    assert response.status_code == 302, _errors(response)
    iot = InformatieObjectType.objects.get(omschrijving="Besluitbrief")
    assert iot.trefwoord == ["besluit", "brief"]

    page = admin_client.get("/admin/catalogi/besluittype/add/")
    assert ("Besluitbrief", "Besluitbrief") in page.context["adminform"].form.fields["informatieobjecttypen"].choices
    response = admin_client.post("/admin/catalogi/besluittype/add/", {
        "catalogus": str(catalogus.pk), "omschrijving": "Vergunning verleend", "reactietermijn": "P6W",
        "informatieobjecttypen": ["Besluitbrief"], "begin_geldigheid": "2026-01-01"})
    assert response.status_code == 302, _errors(response)
    bt = BesluitType.objects.get(omschrijving="Vergunning verleend")
    assert list(bt.informatieobjecttype_links.values_list("informatieobjecttype_omschrijving", flat=True)) == [
        "Besluitbrief"]

    # a domain rule on the form: eindeGeldigheid before beginGeldigheid
    response = admin_client.post("/admin/catalogi/besluittype/add/", {
        "catalogus": str(catalogus.pk), "omschrijving": "Te kort", "begin_geldigheid": "2026-01-01",
        "einde_geldigheid": "2025-01-01"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["einde_geldigheid"]
    assert not BesluitType.objects.filter(omschrijving="Te kort").exists()

    for model in ("informatieobjecttype", "besluittype"):
        obj = iot if model == "informatieobjecttype" else bt
        response = admin_client.post(f"/admin/catalogi/{model}/", {"action": "publiceren",
                                                                    "_selected_action": [str(obj.pk)]})
        assert response.status_code == 302
        obj.refresh_from_db()
        assert obj.concept is False
        assert AuditTrail.objects.filter(resource=model, actie="publish").count() == 1
