"""Beheer of the Besluiten register: besluiten with their besluitinformatieobjecten, read-only.

Besluiten are made and changed by the applications that take them, through the Besluiten API;
the functioneel beheerder looks them up here and may delete one. A delete goes through
``besluiten.domain`` (brc-009): the besluitinformatieobjecten, the mirrored
objectinformatieobjecten, the zaakbesluit and the audit trail go with it, and the deletion is
announced on kanaal ``besluiten``, exactly as ``DELETE /besluiten/{uuid}`` does.
"""

from __future__ import annotations

from django.contrib import admin, messages

from zaakwerk.core.admin_support import admin_actor
from zaakwerk.core.errors import DomainError

from .domain import besluit as domain
from .models import Besluit, BesluitInformatieObject
from .representation import zaak_url_of


class BesluitInformatieObjectInline(admin.TabularInline):
    model = BesluitInformatieObject
    fields = ("informatieobject", "aard_relatie", "registratiedatum")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "informatieobject"
    verbose_name_plural = "informatieobjecten (waarin het besluit is vastgelegd)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Besluit)
class BesluitAdmin(admin.ModelAdmin):
    list_display = ("identificatie", "verantwoordelijke_organisatie", "besluittype", "datum", "ingangsdatum",
                    "vervaldatum")
    list_filter = ("vervalreden", "besluittype__catalogus")
    search_fields = ("identificatie", "verantwoordelijke_organisatie", "besluittype__omschrijving")
    date_hierarchy = "datum"
    list_select_related = ("besluittype",)
    ordering = ("-datum", "identificatie")
    fields = ("identificatie", "verantwoordelijke_organisatie", "besluittype", "zaak", "datum", "toelichting",
              "bestuursorgaan", "ingangsdatum", "vervaldatum", "vervalreden", "publicatiedatum", "verzenddatum",
              "uiterlijke_reactiedatum", "aangemaakt")
    readonly_fields = fields
    inlines = [BesluitInformatieObjectInline]

    @admin.display(description="zaak")
    def zaak(self, obj):
        # a zaak of this server as its path in the Zaken API, a foreign one as its URL
        return zaak_url_of("", obj) or "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        try:
            domain.delete_besluit(admin_actor(request), obj)
        except DomainError as exc:
            messages.error(request, f"Besluit {obj.identificatie} is niet verwijderd: {exc.detail}")

    def delete_queryset(self, request, queryset):
        actor = admin_actor(request)
        for obj in queryset:
            try:
                domain.delete_besluit(actor, obj)
            except DomainError as exc:
                messages.error(request, f"Besluit {obj.identificatie} is niet verwijderd: {exc.detail}")
