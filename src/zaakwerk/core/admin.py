"""Beheer of JWT client secrets, and read-only views of the audit trail and the outbox."""

from django.contrib import admin

from .models import AuditTrail, ClientCredential, OutboxMessage


@admin.register(ClientCredential)
class ClientCredentialAdmin(admin.ModelAdmin):
    list_display = ("client_id", "created")
    search_fields = ("client_id",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditTrail)
class AuditTrailAdmin(ReadOnlyAdmin):
    list_display = ("aanmaakdatum", "bron", "actie", "resource", "resource_weergave", "applicatie_id",
                    "gebruikers_weergave")
    list_filter = ("bron", "actie", "resource")
    search_fields = ("resource_url", "hoofd_object", "gebruikers_id")
    date_hierarchy = "aanmaakdatum"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("id", "created", "kanaal", "resource", "actie", "processed")
    list_filter = ("kanaal", "actie")
    search_fields = ("resource_url", "hoofd_object")
