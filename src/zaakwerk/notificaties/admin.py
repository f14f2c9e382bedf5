"""Beheer of Notificaties: kanalen and abonnementen (written through notificaties.domain, the same
rules as the API, the callback check included), recent deliveries with their status, and the
dead letters ("onbestelbare notificaties") with replay, one, a selection or all."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html

from zaakwerk.core.admin_support import admin_actor, dry_run

from . import domain
from .models import Abonnement, DeadLetter, Delivery, Kanaal
from .worker import notify_workers


def _replay(modeladmin, request, ids=None) -> int:
    count = domain.replay(ids)
    notify_workers()
    return count


# --------------------------------------------------------------------------------------------
# Kanalen
# --------------------------------------------------------------------------------------------


class KanaalForm(forms.ModelForm):
    documentatie_link = forms.URLField(label="Documentatielink", required=False, max_length=200,
                                       assume_scheme="https")
    filters_text = forms.CharField(label="Filterkenmerken", required=False,
                                   help_text="Komma-gescheiden, bijvoorbeeld: bronorganisatie, zaaktype")

    class Meta:
        model = Kanaal
        fields = ("naam", "documentatie_link")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.instance._state.adding:
            self.fields["filters_text"].initial = ", ".join(self.instance.filters)

    def domain_data(self) -> dict:
        data = self.cleaned_data
        return {"naam": data.get("naam", ""), "documentatie_link": data.get("documentatie_link") or "",
                "filters": [f.strip() for f in (data.get("filters_text") or "").split(",") if f.strip()]}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        actor = admin_actor(self.request)
        data = self.domain_data()
        if self.instance._state.adding:
            call = lambda: domain.create_kanaal(actor, data)  # noqa: E731
        else:
            instance = Kanaal.objects.get(pk=self.instance.pk)
            call = lambda: domain.update_kanaal(actor, instance, data)  # noqa: E731
        dry_run(self, call, {"naam": "naam", "documentatieLink": "documentatie_link", "filters": "filters_text"})
        return cleaned

    def validate_unique(self):
        pass  # the domain reports a taken naam


@admin.register(Kanaal)
class KanaalAdmin(admin.ModelAdmin):
    form = KanaalForm
    list_display = ("naam", "filterkenmerken", "documentatie_link", "abonnementen")
    search_fields = ("naam",)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class WithRequest(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return WithRequest

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_abonnementen=Count("filter_groups__abonnement",
                                                                           distinct=True))

    @admin.display(description="filterkenmerken")
    def filterkenmerken(self, obj):
        return ", ".join(obj.filters) or "–"

    @admin.display(description="abonnementen", ordering="n_abonnementen")
    def abonnementen(self, obj):
        return obj.n_abonnementen

    def save_model(self, request, obj, form, change):
        actor = admin_actor(request)
        data = form.domain_data()
        if change:
            saved = domain.update_kanaal(actor, Kanaal.objects.get(pk=obj.pk), data)
        else:
            saved = domain.create_kanaal(actor, data)
        form.instance = saved
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # a kanaal in use stays (its abonnementen refer to it)
        if obj is not None and obj.filter_groups.exists():
            return False
        return super().has_delete_permission(request, obj)


# --------------------------------------------------------------------------------------------
# Abonnementen
# --------------------------------------------------------------------------------------------

HELP_KANALEN = ("Eén kanaal per regel: naam | kenmerk=waarde, kenmerk=waarde. Zonder filters: alleen de "
                "naam. De waarde * staat elke waarde toe. Bijvoorbeeld: "
                "zaken | bronorganisatie=002220647, vertrouwelijkheidaanduiding=openbaar")


def parse_kanalen(text: str) -> list[dict]:
    groups = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        naam, _, rest = line.partition("|")
        filters = {}
        for part in rest.split(","):
            if not part.strip():
                continue
            key, _, value = part.partition("=")
            filters[key.strip()] = value.strip()
        groups.append({"naam": naam.strip(), "filters": filters})
    return groups


def format_kanalen(groups: list[dict]) -> str:
    lines = []
    for group in groups:
        filters = ", ".join(f"{k}={v}" for k, v in group["filters"].items())
        lines.append(f"{group['naam']} | {filters}" if filters else group["naam"])
    return "\n".join(lines)


class AbonnementForm(forms.ModelForm):
    kanalen_text = forms.CharField(label="Kanalen en filters", required=False, help_text=HELP_KANALEN,
                                   widget=forms.Textarea(attrs={"rows": 5, "cols": 100}))

    class Meta:
        model = Abonnement
        fields = ("callback_url", "auth")
        widgets = {"callback_url": forms.TextInput(attrs={"size": 100}),
                   "auth": forms.TextInput(attrs={"size": 100})}
        help_texts = {
            "callback_url": "Hier worden de notificaties heen gestuurd (POST). Bij opslaan wordt een "
                            "testnotificatie verstuurd; de callback moet die met 2xx beantwoorden.",
            "auth": "De waarde van de Authorization-header bij elke notificatie, bijvoorbeeld Bearer …",
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.instance._state.adding:
            self.fields["kanalen_text"].initial = format_kanalen(domain.current_data(self.instance)["kanalen"])

    def domain_data(self) -> dict:
        data = self.cleaned_data
        return {"callback_url": data.get("callback_url", ""), "auth": data.get("auth", ""),
                "kanalen": parse_kanalen(data.get("kanalen_text", ""))}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        actor = admin_actor(self.request)
        data = self.domain_data()
        if self.instance._state.adding:
            call = lambda: domain.create_abonnement(actor, data)  # noqa: E731
        else:
            instance = Abonnement.objects.get(pk=self.instance.pk)
            call = lambda: domain.update_abonnement(actor, instance, data, partial=False)  # noqa: E731
        dry_run(self, call, {"callbackUrl": "callback_url", "auth": "auth", "kanalen": "kanalen_text",
                             "nonFieldErrors": "callback_url"})
        return cleaned


@admin.register(Abonnement)
class AbonnementAdmin(admin.ModelAdmin):
    form = AbonnementForm
    list_display = ("callback_url", "kanalen", "client_id", "created", "open_afleveringen", "onbestelbaar")
    search_fields = ("callback_url", "client_id")
    readonly_fields = ("client_id", "created", "updated")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class WithRequest(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, request=request, **kw)

        return WithRequest

    def get_queryset(self, request):
        from django.db.models import Count, Q

        return (super().get_queryset(request).prefetch_related("filter_groups__kanaal")
                .annotate(n_open=Count("deliveries", filter=Q(deliveries__state=Delivery.PENDING)),
                          n_dead=Count("deliveries", filter=Q(deliveries__state=Delivery.DEAD))))

    @admin.display(description="kanalen")
    def kanalen(self, obj):
        return "; ".join(
            g.kanaal.naam + (f" ({', '.join(f'{k}={v}' for k, v in g.filters.items())})" if g.filters else "")
            for g in obj.filter_groups.all()) or "–"

    @admin.display(description="te versturen", ordering="n_open")
    def open_afleveringen(self, obj):
        return obj.n_open

    @admin.display(description="onbestelbaar", ordering="n_dead")
    def onbestelbaar(self, obj):
        return obj.n_dead

    def save_model(self, request, obj, form, change):
        actor = admin_actor(request)
        data = form.domain_data()
        # the callback answered the test notification during validation (clean)
        if change:
            saved = domain.update_abonnement(actor, Abonnement.objects.get(pk=obj.pk), data, partial=False,
                                             check=False)
        else:
            saved = domain.create_abonnement(actor, data, check=False)
        form.instance = saved
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        domain.delete_abonnement(admin_actor(request), obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            domain.delete_abonnement(admin_actor(request), obj)


# --------------------------------------------------------------------------------------------
# Deliveries and dead letters
# --------------------------------------------------------------------------------------------


class DeliveryStateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("te_versturen", "te versturen"), ("opnieuw", "opnieuw proberen"), ("afgeleverd", "afgeleverd"),
                ("onbestelbaar", "onbestelbaar")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "te_versturen":
            return queryset.filter(state=Delivery.PENDING, attempts=0)
        if value == "opnieuw":
            return queryset.filter(state=Delivery.PENDING, attempts__gt=0)
        if value == "afgeleverd":
            return queryset.filter(state=Delivery.DELIVERED)
        if value == "onbestelbaar":
            return queryset.filter(state=Delivery.DEAD)
        return queryset


class DeliveryAdminBase(admin.ModelAdmin):
    list_select_related = ("message", "abonnement")
    list_per_page = 100
    show_full_result_count = False  # the history can be long: no COUNT(*) over all of it
    search_fields = ("message__resource_url", "message__hoofd_object", "abonnement__callback_url")
    readonly_fields = ("id", "status", "bestemming", "attempts", "created", "last_attempt_at", "next_attempt_at",
                       "delivered_at", "status_code", "antwoord", "error", "replays", "worker", "bericht")
    fields = readonly_fields
    actions = ["replay_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_replay_permission(self, request):
        return request.user.has_perm("notificaties.change_delivery") or \
            request.user.has_perm("notificaties.change_deadletter")

    @admin.display(description="kanaal", ordering="message__kanaal")
    def kanaal(self, obj):
        return obj.message.kanaal

    @admin.display(description="resource")
    def resource(self, obj):
        return f"{obj.message.resource} {obj.message.actie}"

    @admin.display(description="bestemming")
    def bestemming(self, obj):
        return obj.target

    @admin.display(description="status", ordering="state")
    def status(self, obj):
        if obj.state == Delivery.PENDING and obj.attempts:
            return "opnieuw proberen"
        return obj.get_state_display()

    @admin.display(description="antwoord")
    def antwoord(self, obj):
        return format_html("<pre style='white-space: pre-wrap'>{}</pre>", obj.response) if obj.response else "–"

    @admin.display(description="bericht")
    def bericht(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.message.as_notification(), indent=2,
                                                       ensure_ascii=False))

    @admin.action(description="Geselecteerde onbestelbare notificaties opnieuw versturen",
                  permissions=["replay"])
    def replay_selected(self, request, queryset):
        ids = list(queryset.filter(state=Delivery.DEAD).values_list("id", flat=True))
        count = _replay(self, request, ids)
        self.message_user(request, f"{count} notificatie(s) worden opnieuw verstuurd.", messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(DeliveryAdminBase):
    list_display = ("id", "created", "kanaal", "resource", "bestemming", "status", "attempts", "status_code",
                    "delivered_at", "next_attempt_at")
    list_filter = (DeliveryStateFilter, "message__kanaal")
    date_hierarchy = "created"


@admin.register(DeadLetter)
class DeadLetterAdmin(DeliveryAdminBase):
    list_display = ("id", "created", "kanaal", "resource", "bestemming", "attempts", "last_attempt_at",
                    "status_code", "fout_kort", "replays")
    list_filter = ("message__kanaal",)
    change_list_template = "admin/notificaties/deadletter/change_list.html"

    @admin.display(description="antwoord / fout")
    def fout_kort(self, obj):
        text = obj.response or obj.error
        return (text[:80] + "…") if len(text) > 80 else (text or "–")

    def get_urls(self):
        return [path("alles-opnieuw/", self.admin_site.admin_view(self.replay_all_view),
                     name="notificaties_deadletter_replay_all"), *super().get_urls()]

    def replay_all_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_replay_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        count = _replay(self, request)
        self.message_user(request, f"Alle {count} onbestelbare notificatie(s) worden opnieuw verstuurd.",
                          messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:notificaties_deadletter_changelist"))

    def changelist_view(self, request, extra_context=None):
        extra = {"replay_all_url": reverse("admin:notificaties_deadletter_replay_all"),
                 "may_replay": self.has_replay_permission(request)}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

