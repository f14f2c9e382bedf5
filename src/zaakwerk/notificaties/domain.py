"""Rules for kanalen, abonnementen and published notifications, and the only place they are
written (API and admin alike). Delivery itself is worker.py."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import ValidationErrors, ValidationFailed
from zaakwerk.core.models import OutboxMessage
from zaakwerk.core.references import is_valid_url

from . import conf
from .models import Abonnement, DeadLetter, Delivery, FilterGroup, Kanaal
from .routing import normalise_key

# The test notification a callback must accept before an abonnement is stored: the one the
# reference implementation (and Open Notificaties) sends.
TEST_NOTIFICATION = {
    "kanaal": "test",
    "hoofdObject": "http://some.hoofdobject.nl/",
    "resource": "some_resource",
    "resourceUrl": "http://some.resource.nl/",
    "actie": "create",
    "aanmaakdatum": "2019-01-01T12:00:00Z",
    "kenmerken": {},
}
MAX_URL = 1000  # the outbox stores hoofdObject / resourceUrl in 1000 characters
MAX_KENMERK = 1000  # a kenmerk or filter value: 1..1000 characters (schema "kenmerk")


def _check_values(errors: ValidationErrors, prefix: str, values: dict) -> None:
    for key, value in values.items():
        if not value:
            errors.add(f"{prefix}.{key}", "blank", "Dit veld mag niet leeg zijn.")
        elif len(value) > MAX_KENMERK:
            errors.add(f"{prefix}.{key}", "max_length", f"Hoogstens {MAX_KENMERK} tekens.")


# --------------------------------------------------------------------------------------------
# Kanalen
# --------------------------------------------------------------------------------------------


def _clean_filters(filters) -> list[str]:
    return list(dict.fromkeys(filters or []))


def _validate_kanaal(data: dict, instance: Kanaal | None) -> None:
    errors = ValidationErrors()
    naam = data.get("naam", "")
    taken = Kanaal.objects.filter(naam=naam)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        errors.add("naam", "unique", "Er bestaat al een kanaal met deze naam.")
    link = data.get("documentatie_link") or ""
    if link and not is_valid_url(link):
        errors.add("documentatieLink", "invalid", "Voer een geldige URL in.")
    errors.raise_if_any()


def create_kanaal(actor: Actor, data: dict) -> Kanaal:
    _validate_kanaal(data, None)
    try:
        with transaction.atomic():  # a savepoint: a concurrent create of the same naam stays a 400
            return Kanaal.objects.create(naam=data["naam"], documentatie_link=data.get("documentatie_link") or "",
                                         filters=_clean_filters(data.get("filters")))
    except IntegrityError:
        raise ValidationFailed("naam", "unique", "Er bestaat al een kanaal met deze naam.") from None


def update_kanaal(actor: Actor, kanaal: Kanaal, data: dict) -> Kanaal:
    """Not in the API (1.0 has no kanaal update); the admin uses it."""
    merged = {"naam": kanaal.naam, "documentatie_link": kanaal.documentatie_link,
              "filters": kanaal.filters, **data}
    _validate_kanaal(merged, kanaal)
    with transaction.atomic(savepoint=False):
        kanaal.naam = merged["naam"]
        kanaal.documentatie_link = merged["documentatie_link"] or ""
        kanaal.filters = _clean_filters(merged["filters"])
        kanaal.save()
    return kanaal


# --------------------------------------------------------------------------------------------
# Abonnementen
# --------------------------------------------------------------------------------------------


def check_callback(callback_url: str, auth: str) -> None:
    """POST the reference implementation's test notification with the abonnement's Authorization
    header; anything but a 2xx answer is a 400 (``invalid-callback-url``) saying what went wrong."""
    from .delivery import post

    result = post(callback_url, TEST_NOTIFICATION, auth, timeout=settings.ZAAKWERK_URL_TIMEOUT,
                  keep_alive=False)
    if result.ok:
        return
    if result.status_code is not None:
        detail = f"de callback antwoordde met HTTP {result.status_code}"
    else:
        detail = f"de callback is niet bereikbaar ({result.error})"
    raise ValidationFailed("nonFieldErrors", "invalid-callback-url",
                           f"De opgegeven callback URL kan geen notificaties ontvangen: {detail}.")


def _validate_abonnement(data: dict) -> dict[str, Kanaal]:
    errors = ValidationErrors()
    if not is_valid_url(data.get("callback_url")):
        errors.add("callbackUrl", "invalid", "Voer een geldige URL in.")
    if not data.get("auth"):
        errors.add("auth", "blank", "Dit veld mag niet leeg zijn.")
    groups = data.get("kanalen") or []
    kanalen = {k.naam: k for k in Kanaal.objects.filter(naam__in={g["naam"] for g in groups})}
    for index, group in enumerate(groups):
        kanaal = kanalen.get(group["naam"])
        _check_values(errors, f"kanalen.{index}.filters", group.get("filters") or {})
        if kanaal is None:
            errors.add(f"kanalen.{index}.naam", "kanaal_naam", "Kanaal met de opgegeven naam bestaat niet.")
            continue
        allowed = {normalise_key(f) for f in kanaal.filters}
        unknown = sorted(k for k in (group.get("filters") or {}) if normalise_key(k) not in allowed)
        if unknown:
            errors.add(f"kanalen.{index}.filters", "inconsistent-abonnement-filters",
                       f"Het kanaal '{kanaal.naam}' kent de filterkenmerken {', '.join(unknown)} niet "
                       f"(wel: {', '.join(kanaal.filters) or 'geen'}).")
    errors.raise_if_any()
    return kanalen


def _write_groups(abonnement: Abonnement, groups: list[dict], kanalen: dict[str, Kanaal]) -> None:
    abonnement.filter_groups.all().delete()
    FilterGroup.objects.bulk_create([
        FilterGroup(abonnement=abonnement, kanaal=kanalen[g["naam"]], filters=dict(g.get("filters") or {}),
                    position=i)
        for i, g in enumerate(groups)
    ])


def current_data(abonnement: Abonnement) -> dict:
    return {
        "callback_url": abonnement.callback_url,
        "auth": abonnement.auth,
        "kanalen": [{"naam": g.kanaal.naam, "filters": dict(g.filters)}
                    for g in abonnement.filter_groups.select_related("kanaal")],
    }


def create_abonnement(actor: Actor, data: dict, *, check: bool | None = None) -> Abonnement:
    data = {"kanalen": [], **data}
    kanalen = _validate_abonnement(data)
    if conf.callback_check() if check is None else check:
        check_callback(data["callback_url"], data["auth"])
    with transaction.atomic(savepoint=False):
        abonnement = Abonnement.objects.create(callback_url=data["callback_url"], auth=data["auth"],
                                               client_id=actor.client_id[:255])
        _write_groups(abonnement, data["kanalen"], kanalen)
    return abonnement


def update_abonnement(actor: Actor, abonnement: Abonnement, data: dict, *, partial: bool,
                      check: bool | None = None) -> Abonnement:
    merged = {**current_data(abonnement), **data} if partial else {"kanalen": [], **data}
    kanalen = _validate_abonnement(merged)
    if conf.callback_check() if check is None else check:
        check_callback(merged["callback_url"], merged["auth"])
    with transaction.atomic(savepoint=False):
        abonnement.callback_url = merged["callback_url"]
        abonnement.auth = merged["auth"]
        abonnement.save()
        if "kanalen" in merged:
            _write_groups(abonnement, merged["kanalen"], kanalen)
    return abonnement


def delete_abonnement(actor: Actor, abonnement: Abonnement) -> None:
    """Its open deliveries and dead letters go with it: there is no one left to deliver to."""
    with transaction.atomic(savepoint=False):
        abonnement.delete()


# --------------------------------------------------------------------------------------------
# Publishing (POST /notificaties): into the same outbox as our own registers' changes
# --------------------------------------------------------------------------------------------


def publish(actor: Actor, data: dict) -> OutboxMessage:
    errors = ValidationErrors()
    kanaal = Kanaal.objects.filter(naam=data["kanaal"]).first()
    kenmerken = dict(data.get("kenmerken") or {})
    _check_values(errors, "kenmerken", kenmerken)
    if kanaal is None:
        errors.add("kanaal", "message_kanaal", "Kanaal met de opgegeven naam bestaat niet.")
    else:
        allowed = {normalise_key(f) for f in kanaal.filters}
        unknown = sorted(k for k in kenmerken if normalise_key(k) not in allowed)
        if unknown:
            errors.add("kenmerken", "kenmerken_inconsistent",
                       f"Het kanaal '{kanaal.naam}' kent de kenmerken {', '.join(unknown)} niet "
                       f"(wel: {', '.join(kanaal.filters) or 'geen'}).")
    for name, key in (("hoofdObject", "hoofd_object"), ("resourceUrl", "resource_url")):
        value = data[key]
        if not is_valid_url(value):
            errors.add(name, "invalid", "Voer een geldige URL in.")
        elif len(value) > MAX_URL:
            errors.add(name, "max_length", f"Een URL mag hoogstens {MAX_URL} tekens lang zijn.")
    errors.raise_if_any()
    aanmaakdatum = data["aanmaakdatum"]
    if timezone.is_naive(aanmaakdatum):
        aanmaakdatum = timezone.make_aware(aanmaakdatum)
    with transaction.atomic(savepoint=False):
        return OutboxMessage.objects.create(
            kanaal=kanaal.naam, hoofd_object=data["hoofd_object"], resource=data["resource"],
            resource_url=data["resource_url"], actie=data["actie"],
            aanmaakdatum=aanmaakdatum.astimezone(dt.timezone.utc), kenmerken=kenmerken)


# --------------------------------------------------------------------------------------------
# Dead letters
# --------------------------------------------------------------------------------------------


def replay(ids=None) -> int:
    """Send dead letters again (``ids`` None: all of them) with a fresh series of attempts. The
    worker picks them up at once; the last answer stays visible until the next attempt."""
    qs = DeadLetter.objects.all()
    if ids is not None:
        qs = qs.filter(id__in=list(ids))
    with transaction.atomic(savepoint=False):
        return qs.update(state=Delivery.PENDING, attempts=0, next_attempt_at=timezone.now(),
                         claimed_until=None, claimed_by="", replays=F("replays") + 1)
