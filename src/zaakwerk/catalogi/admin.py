"""Beheer of the zaaktypecatalogus for the functioneel beheerder: catalogussen,
informatieobjecttypen, besluittypen and zaaktypen with their statustypen, resultaattypen,
roltypen, eigenschappen and documenten, and publishing them.

A thin adapter over ``catalogi.domain``: every save, delete and publish calls the same domain
function as the Catalogi API, so the same rules apply and the same audit trail entry and
notification are recorded. Forms only parse input:

- a form's ``clean()`` runs the domain call in a rolled-back savepoint (``dry_run``), so every
  rule reports on the form, and ``save_model`` then runs it for real;
- the inlines of a zaaktype are checked together by their formset, in the order they will be
  written (deletions, changes, additions), so two rows that clash with each other, or a row
  that replaces a deleted one, are judged as the write will meet them;
- a change sends only the fields that changed (a partial update), so a published type still takes
  the one change the standard allows it (eindeGeldigheid), and nothing else;
- the model's own validation is skipped (``_post_clean``): the model holds no rules.

Selectielijst references are picked from lists (procestype, selectielijstklasse,
resultaattypeomschrijving) taken from the Selectielijst Zaakwerk serves itself; a URL is typed only
where no list can be offered (another Selectielijst, producten of diensten, a referentieproces).
"""

from __future__ import annotations


from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse

from zaakwerk.core.admin_support import admin_actor, dry_run
from zaakwerk.core.errors import DomainError, ValidationFailed
from zaakwerk.referentielijsten.data import lists

from . import domain
from .constants import (
    COMPONENT,
    SCOPE_LEZEN,
    SCOPE_SCHRIJVEN,
    Afleidingswijze,
    Archiefnominatie,
    Formaat,
    IndicatieInternOfExtern,
    Objecttype,
    Richting,
    RolOmschrijvingGeneriek,
    Vertrouwelijkheidaanduiding,
)
from .models import (
    BesluitType,
    Catalogus,
    Eigenschap,
    InformatieObjectType,
    ResultaatType,
    RolType,
    StatusType,
    ZaakType,
    ZaakTypeInformatieObjectType,
)
from zaakwerk.core.fields import camel

# The admin writes as a client with catalogi.schrijven, not with the geforceerd scopes: a published
# type is not changed here (ztc-009/ztc-010); a correctie is a deliberate act through the API with
# catalogi.geforceerd-schrijven.
ADMIN_SCOPES = {COMPONENT: frozenset({SCOPE_LEZEN, SCOPE_SCHRIJVEN})}

REF_PATH = "/referentielijsten/api/v1/"
DURATION_HELP = "Een tijdsduur in ISO 8601-formaat, bijvoorbeeld P14D (14 dagen), P6W (6 weken) of P1Y (1 jaar)."
EMPTY = ("", "---------")


def catalogi_actor(request):
    actor = admin_actor(request)
    actor.scopes = {component: set(scopes) for component, scopes in ADMIN_SCOPES.items()}
    return actor


def describe(exc: DomainError) -> str:
    """A domain error as one admin message."""
    if isinstance(exc, ValidationFailed) and exc.params:
        return "; ".join(f"{p.reason} ({p.name}: {p.code})" for p in exc.params)
    return exc.detail


def _raise(exc):
    raise exc


# ---- Selectielijst choices ---------------------------------------------------------------------


def _ref_url(request, relative: str) -> str:
    return f"{admin_actor(request).base_url}{REF_PATH}{relative}"


def _ref_relative(url: str | None, collection: str) -> str | None:
    """'https://host/referentielijsten/api/v1/resultaten/<id>' -> 'resultaten/<id>' when it names
    an item of the Selectielijst Zaakwerk ships; None for anything else."""
    if not url or REF_PATH not in url:
        return None
    relative = url.split(REF_PATH, 1)[1].strip("/")
    kind, _, key = relative.partition("/")
    if kind != collection or key not in getattr(lists(), collection):
        return None
    return relative


def procestype_choices() -> list:
    """Procestypen grouped by Selectielijst year, the most recent (2020) first."""
    groups: dict[str, list] = {}
    for p in sorted(lists().procestypen.values(), key=lambda p: (-p["jaar"], p["nummer"])):
        groups.setdefault(f"Selectielijst {p['jaar']}", []).append((p["url"], f"{p['nummer']}. {p['naam']}"))
    return [EMPTY, *groups.items()]


def _nummer_key(volledig_nummer: str):
    """'11.1.2' sorts after '11.1' and before '11.10'; odd numbers ('P21') go last."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in volledig_nummer.split(".")]


def resultaat_label(resultaat: dict) -> str:
    omschrijving = resultaat.get("omschrijving") or ""
    if len(omschrijving) > 60:
        omschrijving = omschrijving[:59].rstrip() + "…"
    naam = resultaat["naam"] + (f" ({omschrijving})" if omschrijving else "")
    waardering = resultaat.get("waardering") or ""
    waardering = dict(Archiefnominatie.choices).get(waardering, waardering or "geen waardering")
    return " – ".join([resultaat["volledigNummer"], naam, waardering,
                       resultaat.get("bewaartermijn") or "geen bewaartermijn"])


def resultaat_choices(procestype_relative: str | None) -> list:
    """The resultaten (selectielijstklassen) of one procestype."""
    if not procestype_relative:
        return []
    items = [r for r in lists().resultaten.values() if r["procesType"] == procestype_relative]
    return [(r["url"], resultaat_label(r)) for r in sorted(items, key=lambda r: _nummer_key(r["volledigNummer"]))]


def resultaattypeomschrijving_choices() -> list:
    items = sorted(lists().resultaattypeomschrijvingen.values(), key=lambda o: o["omschrijving"])
    return [EMPTY, *((o["url"], o["omschrijving"]) for o in items)]


def _key_choices(model, key_field: str, catalogus_id=None) -> list:
    """Links between main types are by key (omschrijving, identificatie), within one catalogus:
    offer the keys that exist, labelled with the catalogus when there is more than one."""
    qs = model.objects.all()
    if catalogus_id is not None:
        qs = qs.filter(catalogus_id=catalogus_id)
    by_key: dict[str, set] = {}
    for key, domein in qs.values_list(key_field, "catalogus__domein"):
        if key:
            by_key.setdefault(key, set()).add(domein)
    several = len({d for ds in by_key.values() for d in ds}) > 1
    return [(key, f"{key} ({', '.join(sorted(ds))})" if several else key) for key, ds in sorted(by_key.items())]


# ---- form fields and parsing ---------------------------------------------------------------------


def _text(label, *, required=False, help_text="", textarea=False, rows=3):
    widget = forms.Textarea(attrs={"rows": rows, "cols": 80}) if textarea else None
    return forms.CharField(label=label, required=required, help_text=help_text, widget=widget, strip=True)


def _duration(label, *, required=False, help_text=DURATION_HELP):
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.TextInput(attrs={"size": 12}))


def _date(label, *, required=False, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text, widget=widgets.AdminDateWidget())


def _choice(label, choices, *, required=False, blank_label="---------", help_text=""):
    return forms.ChoiceField(label=label, required=required, help_text=help_text,
                             choices=[("", blank_label), *choices])


def _split(value: str, sep: str = ",") -> list[str]:
    return [item.strip() for item in (value or "").split(sep) if item.strip()]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _or_none(value):
    return value if value not in ("", None) else None


# ---- forms ----------------------------------------------------------------------------------------


class DomainForm(forms.ModelForm):
    """A form whose fields are declared here and whose values go to a domain function.

    ``field_keys`` maps a form field to the domain key it feeds (identity when absent; several
    form fields may feed one gegevensgroep); ``field_map`` maps extra wire names in domain errors
    to form fields (camelCase names of the form fields and keys are mapped automatically)."""

    field_keys: dict[str, str] = {}
    field_map: dict[str, str] = {}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.instance._state.adding:
            self.initial.update(self.initial_from(self.instance))

    def initial_from(self, obj) -> dict:
        return {}

    def _post_clean(self):
        """No model validation: the model holds no rules, the domain checks everything."""

    def domain_values(self) -> dict:
        """All values of the form as domain input (snake_case keys, Python values)."""
        raise NotImplementedError

    def data_for(self, *, update: bool) -> dict:
        """Domain input: everything for a create, only what changed for an update."""
        values = self.domain_values()
        if not update:
            return values
        keys = {self.field_keys.get(name, name) for name in self.changed_data}
        return {key: value for key, value in values.items() if key in keys}

    def wire_map(self) -> dict[str, str]:
        mapping = {camel(name): name for name in self.fields}
        for name, key in self.field_keys.items():
            mapping.setdefault(camel(key), name)
        mapping.update(self.field_map)
        return mapping


class MainTypeForm(DomainForm):
    """Form of a resource with its own admin page; ``resource`` names the domain functions
    (``create_<resource>``, ``update_<resource>``)."""

    resource = ""

    def domain_call(self, actor):
        """The domain call this form stands for, or None when nothing changed."""
        if self.instance._state.adding:
            data = self.data_for(update=False)
            return lambda: getattr(domain, f"create_{self.resource}")(actor, data)
        data = self.data_for(update=True)
        if not data:
            return None
        current = type(self.instance).objects.get(pk=self.instance.pk)
        return lambda: getattr(domain, f"update_{self.resource}")(actor, current, data, True)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        call = self.domain_call(catalogi_actor(self.request))
        if call is not None:
            dry_run(self, call, self.wire_map())
        return cleaned


class CatalogusForm(MainTypeForm):
    resource = "catalogus"
    domein = _text("Domein", required=True, help_text="Korte aanduiding van het domein, ten hoogste 5 tekens.")
    rsin = _text("RSIN", required=True, help_text="RSIN van de organisatie die de catalogus beheert.")
    naam = _text("Naam")
    versie = _text("Versie")
    begindatum_versie = _date("Begindatum versie")
    contactpersoon_beheer_naam = _text("Naam contactpersoon beheer", required=True)
    contactpersoon_beheer_telefoonnummer = _text("Telefoonnummer contactpersoon beheer")
    contactpersoon_beheer_emailadres = _text("E-mailadres contactpersoon beheer")

    class Meta:
        model = Catalogus
        fields = ()

    def initial_from(self, obj):
        return {name: getattr(obj, name) for name in self.fields}

    def domain_values(self):
        data = dict(self.cleaned_data)
        data["naam"] = _or_none(data.get("naam"))
        data["versie"] = _or_none(data.get("versie"))
        return data


class InformatieObjectTypeForm(MainTypeForm):
    resource = "informatieobjecttype"
    catalogus = forms.ModelChoiceField(Catalogus.objects.all(), label="Catalogus")
    omschrijving = _text("Omschrijving", required=True)
    vertrouwelijkheidaanduiding = _choice("Vertrouwelijkheidaanduiding", Vertrouwelijkheidaanduiding.choices,
                                          required=True)
    informatieobjectcategorie = _text("Informatieobjectcategorie", required=True)
    trefwoord = _text("Trefwoorden", help_text="Komma-gescheiden.")
    begin_geldigheid = _date("Begin geldigheid", required=True)
    einde_geldigheid = _date("Einde geldigheid")

    class Meta:
        model = InformatieObjectType
        fields = ()

    def initial_from(self, obj):
        return {"catalogus": obj.catalogus_id, "omschrijving": obj.omschrijving,
                "vertrouwelijkheidaanduiding": obj.vertrouwelijkheidaanduiding,
                "informatieobjectcategorie": obj.informatieobjectcategorie,
                "trefwoord": ", ".join(obj.trefwoord), "begin_geldigheid": obj.begin_geldigheid,
                "einde_geldigheid": obj.einde_geldigheid}

    def domain_values(self):
        data = dict(self.cleaned_data)
        data["trefwoord"] = _split(data.get("trefwoord"))
        return data


class BesluitTypeForm(MainTypeForm):
    resource = "besluittype"
    catalogus = forms.ModelChoiceField(Catalogus.objects.all(), label="Catalogus")
    omschrijving = _text("Omschrijving")
    omschrijving_generiek = _text("Omschrijving generiek")
    besluitcategorie = _text("Besluitcategorie")
    reactietermijn = _duration("Reactietermijn")
    publicatie_indicatie = forms.BooleanField(label="Publicatie-indicatie", required=False,
                                              help_text="Moet een besluit van dit type gepubliceerd worden?")
    publicatietekst = _text("Publicatietekst", textarea=True)
    publicatietermijn = _duration("Publicatietermijn")
    toelichting = _text("Toelichting", textarea=True)
    informatieobjecttypen = forms.MultipleChoiceField(
        label="Informatieobjecttypen", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="De documenten die bij een besluit van dit type horen (uit dezelfde catalogus).")
    begin_geldigheid = _date("Begin geldigheid", required=True)
    einde_geldigheid = _date("Einde geldigheid")

    class Meta:
        model = BesluitType
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        catalogus_id = None if self.instance._state.adding else self.instance.catalogus_id
        self.fields["informatieobjecttypen"].choices = _key_choices(InformatieObjectType, "omschrijving",
                                                                    catalogus_id)

    def initial_from(self, obj):
        initial = {name: getattr(obj, name) for name in (
            "omschrijving", "omschrijving_generiek", "besluitcategorie", "reactietermijn", "publicatie_indicatie",
            "publicatietekst", "publicatietermijn", "toelichting", "begin_geldigheid", "einde_geldigheid")}
        initial["catalogus"] = obj.catalogus_id
        initial["informatieobjecttypen"] = list(
            obj.informatieobjecttype_links.values_list("informatieobjecttype_omschrijving", flat=True))
        return initial

    def domain_values(self):
        data = dict(self.cleaned_data)
        for key in ("reactietermijn", "publicatietermijn"):
            data[key] = _or_none(data.get(key))
        data["informatieobjecttypen"] = list(data.get("informatieobjecttypen") or [])
        return data


class ZaakTypeForm(MainTypeForm):
    resource = "zaaktype"
    catalogus = forms.ModelChoiceField(Catalogus.objects.all(), label="Catalogus")
    identificatie = _text("Identificatie", required=True,
                          help_text="Unieke code van het zaaktype in de catalogus; blijft gelijk over versies.")
    omschrijving = _text("Omschrijving", required=True)
    omschrijving_generiek = _text("Omschrijving generiek")
    vertrouwelijkheidaanduiding = _choice("Vertrouwelijkheidaanduiding", Vertrouwelijkheidaanduiding.choices,
                                          required=True)
    doel = _text("Doel", required=True, textarea=True)
    aanleiding = _text("Aanleiding", required=True, textarea=True)
    toelichting = _text("Toelichting", textarea=True)
    indicatie_intern_of_extern = _choice("Intern of extern", IndicatieInternOfExtern.choices, required=True)
    handeling_initiator = _text("Handeling initiator", required=True, help_text="Bijvoorbeeld: Aanvragen, Melden.")
    onderwerp = _text("Onderwerp", required=True)
    handeling_behandelaar = _text("Handeling behandelaar", required=True, help_text="Bijvoorbeeld: Behandelen.")
    doorlooptijd = _duration("Doorlooptijd", required=True)
    servicenorm = _duration("Servicenorm")
    opschorting_en_aanhouding_mogelijk = forms.BooleanField(label="Opschorten en aanhouden mogelijk", required=False)
    verlenging_mogelijk = forms.BooleanField(label="Verlenging mogelijk", required=False)
    verlengingstermijn = _duration("Verlengingstermijn")
    trefwoorden = _text("Trefwoorden", help_text="Komma-gescheiden.")
    publicatie_indicatie = forms.BooleanField(label="Publicatie-indicatie", required=False,
                                              help_text="Moet een zaak van dit type gepubliceerd worden?")
    publicatietekst = _text("Publicatietekst", textarea=True)
    verantwoordingsrelatie = _text("Verantwoordingsrelaties", help_text="Komma-gescheiden.")
    producten_of_diensten = _text("Producten of diensten", textarea=True,
                                  help_text="De URL's van de producten of diensten, één per regel.")
    selectielijst_procestype = forms.ChoiceField(
        label="Selectielijst-procestype", required=False,
        help_text="Het procestype uit de Selectielijst; bepaalt uit welke selectielijstklassen de "
                  "resultaattypen kunnen kiezen.")
    selectielijst_procestype_url = forms.URLField(
        label="Ander selectielijst-procestype (URL)", required=False, assume_scheme="https",
        help_text="Alleen voor een procestype uit een andere Selectielijst-API; laat anders leeg.")
    referentieproces_naam = _text("Referentieproces", required=True)
    referentieproces_link = forms.URLField(label="Link naar het referentieproces", required=False,
                                           assume_scheme="https")
    verantwoordelijke = _text("Verantwoordelijke", required=True,
                              help_text="De (soort) organisatorische eenheid die verantwoordelijk is.")
    besluittypen = forms.MultipleChoiceField(
        label="Besluittypen", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="De besluittypen die bij dit zaaktype kunnen worden genomen (uit dezelfde catalogus). "
                  "Ze moeten gepubliceerd zijn voordat het zaaktype gepubliceerd kan worden.")
    deelzaaktypen = forms.MultipleChoiceField(label="Deelzaaktypen", required=False,
                                              widget=forms.CheckboxSelectMultiple)
    begin_geldigheid = _date("Begin geldigheid", required=True)
    einde_geldigheid = _date("Einde geldigheid")
    versiedatum = _date("Versiedatum", help_text="Leeg: gelijk aan de begin geldigheid.")

    field_keys = {"selectielijst_procestype_url": "selectielijst_procestype",
                  "referentieproces_naam": "referentieproces", "referentieproces_link": "referentieproces"}
    field_map = {"referentieproces.naam": "referentieproces_naam",
                 "referentieproces.link": "referentieproces_link"}

    class Meta:
        model = ZaakType
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selectielijst_procestype"].choices = procestype_choices()
        catalogus_id = None if self.instance._state.adding else self.instance.catalogus_id
        self.fields["besluittypen"].choices = _key_choices(BesluitType, "omschrijving", catalogus_id)
        deelzaaktypen = _key_choices(ZaakType, "identificatie", catalogus_id)
        if not self.instance._state.adding:
            deelzaaktypen = [c for c in deelzaaktypen if c[0] != self.instance.identificatie]
        self.fields["deelzaaktypen"].choices = deelzaaktypen

    def initial_from(self, obj):
        initial = {name: getattr(obj, name) for name in (
            "identificatie", "omschrijving", "omschrijving_generiek", "vertrouwelijkheidaanduiding", "doel",
            "aanleiding", "toelichting", "indicatie_intern_of_extern", "handeling_initiator", "onderwerp",
            "handeling_behandelaar", "doorlooptijd", "servicenorm", "opschorting_en_aanhouding_mogelijk",
            "verlenging_mogelijk", "verlengingstermijn", "publicatie_indicatie", "publicatietekst",
            "referentieproces_naam", "referentieproces_link", "verantwoordelijke", "begin_geldigheid",
            "einde_geldigheid", "versiedatum")}
        initial.update(
            catalogus=obj.catalogus_id,
            trefwoorden=", ".join(obj.trefwoorden),
            verantwoordingsrelatie=", ".join(obj.verantwoordingsrelatie),
            producten_of_diensten="\n".join(obj.producten_of_diensten),
            besluittypen=list(obj.besluittype_links.values_list("besluittype_omschrijving", flat=True)),
            deelzaaktypen=list(obj.deelzaaktypen),
        )
        relative = _ref_relative(obj.selectielijst_procestype, "procestypen")
        if relative:
            initial["selectielijst_procestype"] = relative
        else:
            initial["selectielijst_procestype_url"] = obj.selectielijst_procestype
        return initial

    def clean(self):
        if self.cleaned_data.get("selectielijst_procestype") and self.cleaned_data.get("selectielijst_procestype_url"):
            self.add_error("selectielijst_procestype_url",
                           "Kies een procestype uit de lijst óf geef een URL op, niet allebei.")
        return super().clean()

    def domain_values(self):
        data = dict(self.cleaned_data)
        chosen, other = data.pop("selectielijst_procestype", ""), data.pop("selectielijst_procestype_url", "")
        data["selectielijst_procestype"] = _ref_url(self.request, chosen) if chosen else (other or "")
        data["referentieproces"] = {"naam": data.pop("referentieproces_naam", ""),
                                    "link": data.pop("referentieproces_link", "") or ""}
        for key in ("trefwoorden", "verantwoordingsrelatie"):
            data[key] = _split(data.get(key))
        data["producten_of_diensten"] = _lines(data.get("producten_of_diensten"))
        for key in ("servicenorm", "verlengingstermijn"):
            data[key] = _or_none(data.get(key))
        data["besluittypen"] = list(data.get("besluittypen") or [])
        data["deelzaaktypen"] = list(data.get("deelzaaktypen") or [])
        return data


# ---- sub-types of a zaaktype (inlines) -------------------------------------------------------------


class SubTypeForm(DomainForm):
    """An inline row of a zaaktype; ``resource`` names the domain functions."""

    resource = ""

    def __init__(self, *args, zaaktype=None, **kwargs):
        self.zaaktype = zaaktype
        super().__init__(*args, **kwargs)


class StatusTypeForm(SubTypeForm):
    resource = "statustype"
    volgnummer = forms.IntegerField(label="Volgnummer", min_value=1, widget=forms.NumberInput(attrs={"size": 4}),
                                    help_text="De volgorde in het proces; het hoogste is de eindstatus.")
    omschrijving = _text("Omschrijving", required=True)
    omschrijving_generiek = _text("Omschrijving generiek")
    statustekst = _text("Statustekst", help_text="Tekst voor de initiator wanneer deze status is bereikt.")
    informeren = forms.BooleanField(label="Informeren", required=False,
                                    help_text="De initiator informeren bij het bereiken van deze status.")
    doorlooptijd = _duration("Doorlooptijd", help_text="ISO 8601, bijvoorbeeld P5D.")
    toelichting = _text("Toelichting")

    class Meta:
        model = StatusType
        fields = ()

    def initial_from(self, obj):
        return {name: getattr(obj, name) for name in self.declared_fields}

    def domain_values(self):
        data = dict(self.cleaned_data)
        data["doorlooptijd"] = _or_none(data.get("doorlooptijd"))
        return {key: data.get(key) for key in self.declared_fields}


class RolTypeForm(SubTypeForm):
    resource = "roltype"
    omschrijving = _text("Omschrijving", required=True)
    omschrijving_generiek = _choice("Omschrijving generiek", RolOmschrijvingGeneriek.choices, required=True)

    class Meta:
        model = RolType
        fields = ()

    def initial_from(self, obj):
        return {"omschrijving": obj.omschrijving, "omschrijving_generiek": obj.omschrijving_generiek}

    def domain_values(self):
        return {key: self.cleaned_data.get(key) for key in self.declared_fields}


_BRONDATUM_FIELDS = ("afleidingswijze", "procestermijn", "datumkenmerk", "einddatum_bekend", "objecttype",
                     "registratie")


class ResultaatTypeForm(SubTypeForm):
    resource = "resultaattype"
    omschrijving = _text("Omschrijving", required=True)
    resultaattypeomschrijving = forms.ChoiceField(label="Resultaattypeomschrijving (generiek)")
    selectielijstklasse = forms.ChoiceField(
        label="Selectielijstklasse", required=False,
        help_text="Uit de resultaten van het selectielijst-procestype van het zaaktype: "
                  "nummer – naam – waardering – bewaartermijn.")
    selectielijstklasse_url = forms.URLField(
        label="Andere selectielijstklasse (URL)", required=False, assume_scheme="https",
        help_text="Alleen als het procestype uit een andere Selectielijst-API komt; laat anders leeg.")
    toelichting = _text("Toelichting", textarea=True, rows=2)
    archiefnominatie = _choice("Archiefnominatie", Archiefnominatie.choices,
                               blank_label="— volgens de selectielijst —")
    archiefactietermijn = _duration("Archiefactietermijn",
                                    help_text="Leeg: de bewaartermijn van de selectielijstklasse.")
    brondatum_afleidingswijze = _choice("Afleidingswijze brondatum", Afleidingswijze.choices,
                                        help_text="Hoe de brondatum van de archiefprocedure wordt bepaald.")
    brondatum_procestermijn = _duration("Procestermijn", help_text="Alleen bij afleidingswijze termijn, "
                                                                   "bijvoorbeeld P10Y.")
    brondatum_datumkenmerk = _text("Datumkenmerk")
    brondatum_einddatum_bekend = forms.BooleanField(label="Einddatum bekend", required=False)
    brondatum_objecttype = _choice("Objecttype", Objecttype.choices)
    brondatum_registratie = _text("Registratie")

    field_keys = {"selectielijstklasse_url": "selectielijstklasse",
                  **{f"brondatum_{key}": "brondatum_archiefprocedure" for key in _BRONDATUM_FIELDS}}
    field_map = {"selectielijstklasse": "selectielijstklasse",
                 "brondatumArchiefprocedure": "brondatum_afleidingswijze",
                 **{f"brondatumArchiefprocedure.{camel(key)}": f"brondatum_{key}" for key in _BRONDATUM_FIELDS}}

    class Meta:
        model = ResultaatType
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        procestype = _ref_relative(getattr(self.zaaktype, "selectielijst_procestype", ""), "procestypen")
        klassen = resultaat_choices(procestype)
        omschrijvingen = resultaattypeomschrijving_choices()
        # A value chosen elsewhere (another Selectielijst) stays visible and selectable.
        current = self.initial.get("resultaattypeomschrijving")
        if current and current not in dict(omschrijvingen):
            omschrijvingen.append((current, current))
        self.fields["resultaattypeomschrijving"].choices = omschrijvingen
        # A saved selectielijstklasse of another procestype (the zaaktype's procestype changed)
        # stays visible, so the row is not changed by saving the page; the domain judges it when
        # the row is changed.
        klasse = self.initial.get("selectielijstklasse")
        if klasse and klasse not in dict(klassen):
            item = lists().resultaten[klasse.split("/", 1)[1]]
            klassen.append((klasse, f"{resultaat_label(item)} (ander procestype)"))
        self.fields["selectielijstklasse"].choices = [
            ("", "---------" if klassen else "— kies eerst een selectielijst-procestype bij het zaaktype —"),
            *klassen]

    def initial_from(self, obj):
        initial = {"omschrijving": obj.omschrijving, "toelichting": obj.toelichting,
                   "archiefnominatie": obj.archiefnominatie, "archiefactietermijn": obj.archiefactietermijn}
        rto = _ref_relative(obj.resultaattypeomschrijving, "resultaattypeomschrijvingen")
        initial["resultaattypeomschrijving"] = rto or obj.resultaattypeomschrijving
        klasse = _ref_relative(obj.selectielijstklasse, "resultaten")
        if klasse:
            initial["selectielijstklasse"] = klasse
        else:
            initial["selectielijstklasse_url"] = obj.selectielijstklasse
        for key in _BRONDATUM_FIELDS:
            initial[f"brondatum_{key}"] = getattr(obj, f"brondatum_archiefprocedure_{key}")
        return initial

    def domain_values(self):
        data = self.cleaned_data
        rto = data.get("resultaattypeomschrijving") or ""
        klasse = data.get("selectielijstklasse") or ""
        values = {
            "omschrijving": data.get("omschrijving", ""),
            "resultaattypeomschrijving": rto if "://" in rto else (_ref_url(self.request, rto) if rto else ""),
            "selectielijstklasse": _ref_url(self.request, klasse) if klasse else (data.get("selectielijstklasse_url")
                                                                                  or ""),
            "toelichting": data.get("toelichting", ""),
            # empty: the domain derives them from the selectielijstklasse (ztc-002)
            "archiefnominatie": data.get("archiefnominatie") or "",
            "archiefactietermijn": _or_none(data.get("archiefactietermijn")),
        }
        if data.get("brondatum_afleidingswijze"):
            values["brondatum_archiefprocedure"] = {
                "afleidingswijze": data["brondatum_afleidingswijze"],
                "procestermijn": _or_none(data.get("brondatum_procestermijn")),
                "datumkenmerk": data.get("brondatum_datumkenmerk", ""),
                "einddatum_bekend": bool(data.get("brondatum_einddatum_bekend")),
                "objecttype": data.get("brondatum_objecttype", ""),
                "registratie": data.get("brondatum_registratie", ""),
            }
        else:
            values["brondatum_archiefprocedure"] = None
        return values

    def data_for(self, *, update: bool) -> dict:
        data = super().data_for(update=update)
        if not update:
            # left empty on a new resultaattype: let the domain derive them
            for key in ("archiefnominatie", "archiefactietermijn"):
                if not data.get(key):
                    data.pop(key, None)
        return data

    def clean(self):
        if self.cleaned_data.get("selectielijstklasse") and self.cleaned_data.get("selectielijstklasse_url"):
            self.add_error("selectielijstklasse_url",
                           "Kies een selectielijstklasse uit de lijst óf geef een URL op, niet allebei.")
        return super().clean()


class EigenschapForm(SubTypeForm):
    resource = "eigenschap"
    naam = _text("Naam", required=True)
    definitie = _text("Definitie", required=True)
    toelichting = _text("Toelichting")
    formaat = _choice("Formaat", Formaat.choices, required=True)
    lengte = _text("Lengte", required=True, help_text="Aantal tekens of cijfers (datum: 8, datum/tijd: 14).")
    kardinaliteit = _text("Kardinaliteit", required=True, help_text="Aantal waarden: 1, 2, … of N.")
    groep = _text("Groep")
    waardenverzameling = _text("Waardenverzameling", textarea=True, rows=2,
                               help_text="Toegestane waarden, één per regel; leeg: vrij.")

    field_keys = {key: "specificatie" for key in ("formaat", "lengte", "kardinaliteit", "groep",
                                                  "waardenverzameling")}
    field_map = {f"specificatie.{key}": key for key in ("formaat", "lengte", "kardinaliteit", "groep",
                                                        "waardenverzameling")}

    class Meta:
        model = Eigenschap
        fields = ()

    def initial_from(self, obj):
        return {"naam": obj.naam, "definitie": obj.definitie, "toelichting": obj.toelichting,
                "formaat": obj.specificatie_formaat, "lengte": obj.specificatie_lengte,
                "kardinaliteit": obj.specificatie_kardinaliteit, "groep": obj.specificatie_groep,
                "waardenverzameling": "\n".join(obj.specificatie_waardenverzameling)}

    def domain_values(self):
        data = self.cleaned_data
        return {
            "naam": data.get("naam", ""), "definitie": data.get("definitie", ""),
            "toelichting": data.get("toelichting", ""),
            "specificatie": {"formaat": data.get("formaat", ""), "lengte": data.get("lengte", ""),
                             "kardinaliteit": data.get("kardinaliteit", ""), "groep": data.get("groep", ""),
                             "waardenverzameling": _lines(data.get("waardenverzameling"))},
        }


class ZaakTypeInformatieObjectTypeForm(SubTypeForm):
    resource = "zaaktypeinformatieobjecttype"
    volgnummer = forms.IntegerField(label="Volgnummer", min_value=1, widget=forms.NumberInput(attrs={"size": 4}))
    informatieobjecttype = forms.ChoiceField(label="Informatieobjecttype")
    richting = _choice("Richting", Richting.choices, required=True)
    statustype = forms.ModelChoiceField(StatusType.objects.none(), label="Statustype", required=False,
                                        help_text="Het statustype waarbij dit document nodig is (optioneel).")

    class Meta:
        model = ZaakTypeInformatieObjectType
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        catalogus_id = getattr(self.zaaktype, "catalogus_id", None)
        choices = _key_choices(InformatieObjectType, "omschrijving", catalogus_id) if catalogus_id else []
        current = self.initial.get("informatieobjecttype")
        if current and current not in dict(choices):
            choices.append((current, current))
        self.fields["informatieobjecttype"].choices = [EMPTY, *choices]
        if self.zaaktype is not None and self.zaaktype.pk:
            self.fields["statustype"].queryset = StatusType.objects.filter(zaaktype_id=self.zaaktype.pk)

    def initial_from(self, obj):
        return {"volgnummer": obj.volgnummer, "informatieobjecttype": obj.informatieobjecttype_omschrijving,
                "richting": obj.richting, "statustype": obj.statustype_id}

    def domain_values(self):
        data = self.cleaned_data
        return {"volgnummer": data.get("volgnummer"), "informatieobjecttype": data.get("informatieobjecttype"),
                "richting": data.get("richting"), "statustype": data.get("statustype")}


class _Rollback(Exception):
    pass


class SubTypeFormSet(BaseInlineFormSet):
    """The rows of one kind of sub-type of a zaaktype, validated and written through the domain.

    ``clean()`` performs the writes of all rows in a savepoint that is rolled back, in the order
    the admin will perform them for real (the zaaktype's own change, then deletions, changes and
    additions of rows), and reports each domain error on its row; a refused deletion is reported
    above the rows (Django shows no errors on a row marked for deletion)."""

    request = None  # set by the inline's get_formset

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs.update(request=self.request, zaaktype=self.instance)
        return kwargs

    def _plan(self) -> list[tuple[str, forms.Form]]:
        deletes, updates, creates = [], [], []
        for form in self.forms:
            adding = form.instance._state.adding
            if self.can_delete and self._should_delete_form(form):
                if not adding:
                    deletes.append(("delete", form))
            elif form.has_changed() and not form.errors:
                (creates if adding else updates).append(("create" if adding else "update", form))
        return deletes + updates + creates

    def _perform(self, actor, verb: str, form):
        resource = self.form.resource
        model = self.model
        if verb == "delete":
            return getattr(domain, f"delete_{resource}")(actor, model.objects.get(pk=form.instance.pk))
        if verb == "update":
            data = form.data_for(update=True)
            if not data:
                return None
            return getattr(domain, f"update_{resource}")(actor, model.objects.get(pk=form.instance.pk), data, True)
        data = form.data_for(update=False)
        data["zaaktype"] = ZaakType.objects.get(pk=self.instance.pk)
        return getattr(domain, f"create_{resource}")(actor, data)

    def clean(self):
        """No super(): uniqueness across rows is a domain rule, checked by the writes below."""
        if self.instance is None or self.instance._state.adding:
            return
        actor = catalogi_actor(self.request)
        refused = []
        main = getattr(self.request, "_catalogi_main_form", None)
        try:
            with transaction.atomic():
                if main is not None and not main.errors:
                    # the zaaktype's own change is written first (save_model before save_related)
                    try:
                        with transaction.atomic():
                            call = main.domain_call(actor)
                            if call is not None:
                                call()
                    except DomainError:
                        pass  # reported on the zaaktype form by its own dry run
                for verb, form in self._plan():
                    try:
                        with transaction.atomic():
                            self._perform(actor, verb, form)
                    except DomainError as exc:
                        if verb == "delete":
                            refused.append(f"{form.instance} kan niet worden verwijderd: {describe(exc)}")
                        else:
                            dry_run(form, lambda exc=exc: _raise(exc), form.wire_map())
                raise _Rollback
        except _Rollback:
            pass
        if refused:
            raise forms.ValidationError(refused)

    def write(self, actor) -> None:
        """Perform the writes for real (after ``clean()`` found them acceptable), and tell the admin
        what was done, for its history."""
        self.new_objects, self.changed_objects, self.deleted_objects = [], [], []
        for verb, form in self._plan():
            if verb == "delete":
                self._perform(actor, verb, form)
                self.deleted_objects.append(form.instance)
            else:
                saved = self._perform(actor, verb, form)
                if saved is None:
                    continue
                if verb == "create":
                    form.instance = saved
                    self.new_objects.append(saved)
                else:
                    self.changed_objects.append((saved, form.changed_data))


class SubTypeInline:
    """Mixin of the inlines of a zaaktype: rows are validated and written by ``SubTypeFormSet``."""

    formset = SubTypeFormSet
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        return type(formset_class.__name__, (formset_class,), {"request": request})


class StatusTypeInline(SubTypeInline, admin.TabularInline):
    model = StatusType
    form = StatusTypeForm
    verbose_name = "statustype"
    verbose_name_plural = "statustypen"

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("volgnummer")


class ResultaatTypeInline(SubTypeInline, admin.StackedInline):
    model = ResultaatType
    form = ResultaatTypeForm
    verbose_name = "resultaattype"
    verbose_name_plural = "resultaattypen"
    fieldsets = [
        (None, {"fields": ["omschrijving", "resultaattypeomschrijving", "selectielijstklasse",
                           "selectielijstklasse_url", "toelichting"]}),
        ("Archivering", {"fields": ["archiefnominatie", "archiefactietermijn", "brondatum_afleidingswijze",
                                    "brondatum_procestermijn", "brondatum_datumkenmerk",
                                    "brondatum_einddatum_bekend", "brondatum_objecttype", "brondatum_registratie"]}),
    ]


class RolTypeInline(SubTypeInline, admin.TabularInline):
    model = RolType
    form = RolTypeForm
    verbose_name = "roltype"
    verbose_name_plural = "roltypen"


class EigenschapInline(SubTypeInline, admin.StackedInline):
    model = Eigenschap
    form = EigenschapForm
    verbose_name = "eigenschap"
    verbose_name_plural = "eigenschappen"


class ZaakTypeInformatieObjectTypeInline(SubTypeInline, admin.TabularInline):
    model = ZaakTypeInformatieObjectType
    form = ZaakTypeInformatieObjectTypeForm
    verbose_name = "document (informatieobjecttype)"
    verbose_name_plural = "documenten (zaaktype-informatieobjecttypen)"


# ---- admins -------------------------------------------------------------------------------------


@admin.action(description="Publiceren", permissions=["change"])
def publiceren(modeladmin, request, queryset):
    """Publish each selected concept through the domain; a refusal is shown per object."""
    actor = catalogi_actor(request)
    published = []
    for obj in queryset:
        try:
            getattr(domain, f"publish_{modeladmin.resource}")(actor, obj)
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj} is niet gepubliceerd: {describe(exc)}", messages.ERROR)
        else:
            published.append(str(obj))
    if published:
        modeladmin.message_user(request, f"Gepubliceerd: {', '.join(published)}.", messages.SUCCESS)


def verwijderen(modeladmin, request, queryset):
    """Django's "delete selected" (its confirmation page), but each deletion through the domain."""
    if not request.POST.get("post"):
        return django_delete_selected(modeladmin, request, queryset)
    if not modeladmin.has_delete_permission(request):
        return django_delete_selected(modeladmin, request, queryset)
    actor = catalogi_actor(request)
    deleted = []
    for obj in queryset:
        label = str(obj)
        try:
            with transaction.atomic():
                modeladmin.log_deletions(request, type(obj).objects.filter(pk=obj.pk))
                getattr(domain, f"delete_{modeladmin.resource}")(actor, obj)
        except DomainError as exc:
            modeladmin.message_user(request, f"{label} is niet verwijderd: {describe(exc)}", messages.ERROR)
        else:
            deleted.append(label)
    if deleted:
        modeladmin.message_user(request, f"Verwijderd: {', '.join(deleted)}.", messages.SUCCESS)
    return None


class DomainAdmin(admin.ModelAdmin):
    """A ModelAdmin whose writes all go through ``catalogi.domain`` (``resource`` names the
    functions)."""

    resource = ""
    save_on_top = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class RequestForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)
                if self.is_bound:
                    # the inlines replay this form's write before their own (SubTypeFormSet.clean)
                    request._catalogi_main_form = self

        return RequestForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _, name, description = actions["delete_selected"]
            actions["delete_selected"] = (verwijderen, name, description)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            self.message_user(request, f"Niet verwijderd: {describe(exc)}", messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id]))

    def save_model(self, request, obj, form, change):
        call = form.domain_call(catalogi_actor(request))
        if call is None:
            return
        saved = call()
        for field in obj._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        formset.write(catalogi_actor(request))

    def delete_model(self, request, obj):
        getattr(domain, f"delete_{self.resource}")(catalogi_actor(request), obj)

    def delete_queryset(self, request, queryset):
        actor = catalogi_actor(request)
        for obj in queryset:
            getattr(domain, f"delete_{self.resource}")(actor, obj)


class VersionedTypeAdmin(DomainAdmin):
    actions = [publiceren]
    list_filter = ("concept", "catalogus")
    readonly_fields = ("status",)

    @admin.display(description="status")
    def status(self, obj):
        if obj is None or obj.pk is None or obj._state.adding:
            return "Nieuw"
        return "Concept" if obj.concept else "Gepubliceerd"


@admin.register(Catalogus)
class CatalogusAdmin(DomainAdmin):
    resource = "catalogus"
    form = CatalogusForm
    list_display = ("domein", "rsin", "naam", "versie", "contactpersoon_beheer_naam")
    search_fields = ("domein", "rsin", "naam")

    def has_delete_permission(self, request, obj=None):
        # catalogi.domain has no delete_catalogus (the Catalogi API offers none either).
        return False


@admin.register(InformatieObjectType)
class InformatieObjectTypeAdmin(VersionedTypeAdmin):
    resource = "informatieobjecttype"
    form = InformatieObjectTypeForm
    list_display = ("omschrijving", "catalogus", "vertrouwelijkheidaanduiding", "begin_geldigheid",
                    "einde_geldigheid", "concept")
    search_fields = ("omschrijving", "informatieobjectcategorie")
    fieldsets = [
        (None, {"fields": ["status", "catalogus", "omschrijving", "vertrouwelijkheidaanduiding",
                           "informatieobjectcategorie", "trefwoord"]}),
        ("Geldigheid", {"fields": ["begin_geldigheid", "einde_geldigheid"]}),
    ]


@admin.register(BesluitType)
class BesluitTypeAdmin(VersionedTypeAdmin):
    resource = "besluittype"
    form = BesluitTypeForm
    list_display = ("omschrijving", "catalogus", "besluitcategorie", "begin_geldigheid", "einde_geldigheid",
                    "concept")
    search_fields = ("omschrijving", "besluitcategorie")
    fieldsets = [
        (None, {"fields": ["status", "catalogus", "omschrijving", "omschrijving_generiek", "besluitcategorie",
                           "toelichting", "informatieobjecttypen"]}),
        ("Termijnen en publicatie", {"fields": ["reactietermijn", "publicatie_indicatie", "publicatietekst",
                                                "publicatietermijn"]}),
        ("Geldigheid", {"fields": ["begin_geldigheid", "einde_geldigheid"]}),
    ]


@admin.register(ZaakType)
class ZaakTypeAdmin(VersionedTypeAdmin):
    resource = "zaaktype"
    form = ZaakTypeForm
    list_display = ("identificatie", "omschrijving", "catalogus", "begin_geldigheid", "einde_geldigheid",
                    "concept")
    search_fields = ("identificatie", "omschrijving")
    inlines = [StatusTypeInline, ResultaatTypeInline, RolTypeInline, EigenschapInline,
               ZaakTypeInformatieObjectTypeInline]
    fieldsets = [
        (None, {"fields": ["status", "catalogus", "identificatie", "omschrijving", "omschrijving_generiek",
                           "vertrouwelijkheidaanduiding", "doel", "aanleiding", "toelichting",
                           "indicatie_intern_of_extern", "handeling_initiator", "onderwerp",
                           "handeling_behandelaar", "verantwoordelijke", "trefwoorden"]}),
        ("Termijnen", {"fields": ["doorlooptijd", "servicenorm", "opschorting_en_aanhouding_mogelijk",
                                  "verlenging_mogelijk", "verlengingstermijn"]}),
        ("Publicatie", {"fields": ["publicatie_indicatie", "publicatietekst"]}),
        ("Archivering en proces", {"fields": ["selectielijst_procestype", "selectielijst_procestype_url",
                                              "referentieproces_naam", "referentieproces_link"]}),
        ("Relaties", {"fields": ["producten_of_diensten", "verantwoordingsrelatie", "besluittypen",
                                 "deelzaaktypen"]}),
        ("Geldigheid", {"fields": ["begin_geldigheid", "einde_geldigheid", "versiedatum"]}),
    ]

    def get_inline_instances(self, request, obj=None):
        # Sub-types belong to an existing zaaktype: they are added once it has been saved.
        if obj is None:
            return []
        return super().get_inline_instances(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, f"Zaaktype {obj} is aangemaakt als concept. Voeg nu statustypen, "
                                   "resultaattypen, roltypen, eigenschappen en documenten toe en publiceer het "
                                   "daarna.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:catalogi_zaaktype_change", args=[obj.pk]))
