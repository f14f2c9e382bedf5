"""Making the Django admin go through the domain layer: a form's clean() calls the domain inside a
savepoint that is always rolled back (a dry run) so every rule reports on the form, and
save_model() then calls the same domain function for real."""

from __future__ import annotations

from django import forms
from django.db import transaction

from .actor import Actor
from .errors import DomainError, ValidationFailed
from .settings_util import configured_base_url


class _DryRun(Exception):
    pass


def admin_actor(request) -> Actor:
    user = request.user
    return Actor(
        base_url=(f"{request.scheme}://{request.get_host()}" if request else configured_base_url()),
        client_id="zaakwerk-admin",
        applicatie_label="Zaakwerk beheer",
        user_id=str(user.get_username()) if user and user.is_authenticated else "",
        user_representation=(user.get_full_name() or user.get_username()) if user and user.is_authenticated else "",
    )


def dry_run(form: forms.BaseForm, call, field_map: dict[str, str] | None = None):
    """Run ``call()`` and roll it back; report domain errors on ``form``. ``field_map`` maps wire
    names (``clientIds``) to form field names (``client_ids``)."""
    field_map = field_map or {}
    try:
        with transaction.atomic():
            call()
            raise _DryRun
    except _DryRun:
        return
    except ValidationFailed as exc:
        for param in exc.params:
            root = param.name.split(".")[0]
            field = field_map.get(param.name) or field_map.get(root)
            message = f"{param.reason} ({param.name}: {param.code})"
            if field and field in form.fields:
                form.add_error(field, message)
            else:
                form.add_error(None, message)
    except DomainError as exc:
        form.add_error(None, exc.detail)
