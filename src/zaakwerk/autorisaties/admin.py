"""Beheer of Applicaties. Every save goes through autorisaties.domain (the same rules as the API)."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from zaakwerk.core.admin_support import admin_actor, dry_run

from . import domain
from .models import VERTROUWELIJKHEID, Applicatie

HELP_AUTORISATIES = (
    "Eén autorisatie per regel: component | scopes (komma-gescheiden) | type-URL | max. "
    "vertrouwelijkheidaanduiding. Bijvoorbeeld: "
    "zrc | zaken.lezen,zaken.aanmaken | https://…/catalogi/api/v1/zaaktypen/… | openbaar. "
    "Toegestane vertrouwelijkheidaanduidingen: " + ", ".join(VERTROUWELIJKHEID) + "."
)
TYPE_FIELD = {"zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"}


class ApplicatieForm(forms.ModelForm):
    client_ids_text = forms.CharField(label="Client ID's", help_text="Komma-gescheiden.")
    autorisaties_text = forms.CharField(label="Autorisaties", required=False, help_text=HELP_AUTORISATIES,
                                        widget=forms.Textarea(attrs={"rows": 6, "cols": 120}))

    class Meta:
        model = Applicatie
        fields = ("label", "heeft_alle_autorisaties", "alleen_is_gereed_voor_publicatie")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.instance._state.adding:
            self.fields["client_ids_text"].initial = ", ".join(
                self.instance.client_ids.values_list("client_id", flat=True))
            self.fields["autorisaties_text"].initial = "\n".join(
                " | ".join([a.component, ",".join(a.scopes),
                            a.zaaktype or a.informatieobjecttype or a.besluittype,
                            a.max_vertrouwelijkheidaanduiding])
                for a in self.instance.autorisaties.all())

    def domain_data(self) -> dict:
        data = self.cleaned_data
        autorisaties = []
        for line in (data.get("autorisaties_text") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
            component, scopes, type_url, mva = parts[:4]
            item = {"component": component, "scopes": [s.strip() for s in scopes.split(",") if s.strip()],
                    "max_vertrouwelijkheidaanduiding": mva}
            if component in TYPE_FIELD:
                item[TYPE_FIELD[component]] = type_url
            autorisaties.append(item)
        return {
            "client_ids": [c.strip() for c in (data.get("client_ids_text") or "").split(",") if c.strip()],
            "label": data.get("label", ""),
            "heeft_alle_autorisaties": data.get("heeft_alle_autorisaties", False),
            "alleen_is_gereed_voor_publicatie": data.get("alleen_is_gereed_voor_publicatie", False),
            "autorisaties": autorisaties,
        }

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        actor = admin_actor(self.request)
        data = self.domain_data()
        if not self.instance._state.adding:
            instance = Applicatie.objects.get(pk=self.instance.pk)
            call = lambda: domain.update_applicatie(actor, instance, data, partial=False)  # noqa: E731
        else:
            call = lambda: domain.create_applicatie(actor, data)  # noqa: E731
        dry_run(self, call, {"clientIds": "client_ids_text", "autorisaties": "autorisaties_text",
                             "label": "label", "nonFieldErrors": "autorisaties_text"})
        return cleaned


@admin.register(Applicatie)
class ApplicatieAdmin(admin.ModelAdmin):
    form = ApplicatieForm
    list_display = ("label", "client_id_list", "heeft_alle_autorisaties")
    search_fields = ("label", "client_ids__client_id")

    @admin.display(description="client ID's")
    def client_id_list(self, obj):
        return ", ".join(c.client_id for c in obj.client_ids.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("client_ids")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class RequestForm(form_class):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return RequestForm

    def save_model(self, request, obj, form, change):
        actor = admin_actor(request)
        data = form.domain_data()
        if change:
            saved = domain.update_applicatie(actor, Applicatie.objects.get(pk=obj.pk), data, partial=False)
        else:
            saved = domain.create_applicatie(actor, data)
        obj.pk = saved.pk
        obj.uuid = saved.uuid

    def save_related(self, request, form, formsets, change):
        """Children were written by the domain in save_model."""

    def delete_model(self, request, obj):
        domain.delete_applicatie(admin_actor(request), obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            domain.delete_applicatie(admin_actor(request), obj)
