"""Beheer of documents (read-mostly): browse documents, their versions and relations; removing a
document or force-unlocking it goes through the domain (drc-008, drc-009), so the rules, the audit
trail and the notifications are the same as through the API. Documents are created and changed
through the Documenten API only (every change is a new version with content)."""

from __future__ import annotations

from django.contrib import admin, messages

from zaakwerk.core.admin_support import admin_actor
from zaakwerk.core.errors import DomainError

from .domain import documenten as domain
from .models import (
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
    ObjectInformatieObject,
)


class VersieInline(admin.TabularInline):
    model = EnkelvoudigInformatieObjectVersie
    fk_name = "document"
    fields = ("versie", "begin_registratie", "titel", "status", "vertrouwelijkheidaanduiding", "bestandsnaam",
              "bestandsomvang")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "versies"

    def has_add_permission(self, request, obj=None):
        return False


class RelatieInline(admin.TabularInline):
    model = ObjectInformatieObject
    fields = ("object_type", "object")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "relaties met zaken en besluiten"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EnkelvoudigInformatieObject)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("identificatie", "bronorganisatie", "titel", "status", "vergrendeld", "aangemaakt")
    list_filter = ("status", "is_gereed_voor_publicatie")
    search_fields = ("identificatie", "bronorganisatie", "laatste_versie__titel")
    readonly_fields = ("uuid", "identificatie", "bronorganisatie", "informatieobjecttype", "status",
                       "is_gereed_voor_publicatie", "indicatie_gebruiksrecht", "vergrendeld", "aangemaakt")
    fields = readonly_fields
    inlines = [VersieInline, RelatieInline]
    actions = ["ontgrendel"]

    @admin.display(description="titel")
    def titel(self, obj):
        return obj.laatste_versie.titel if obj.laatste_versie else ""

    @admin.display(description="vergrendeld", boolean=True)
    def vergrendeld(self, obj):
        return bool(obj.lock)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("laatste_versie")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        try:
            domain.delete_document(admin_actor(request), obj)
        except DomainError as exc:
            self.message_user(request, f"{obj}: {exc.detail}", messages.ERROR)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    @admin.action(description="Geforceerd ontgrendelen")
    def ontgrendel(self, request, queryset):
        for obj in queryset.filter(lock__gt=""):
            try:
                domain.unlock_document(admin_actor(request), obj, None)
            except DomainError as exc:
                self.message_user(request, f"{obj}: {exc.detail}", messages.ERROR)
