"""``zaakwerk demo``: load the demo catalogue, a demo API client and demo logins. Idempotent:
running it again changes nothing that is already there."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from zaakwerk.core.actor import Actor
from zaakwerk.core.models import ClientCredential
from zaakwerk.core.settings_util import configured_base_url

DEMO_USERS = [
    # (username, password, superuser, display name)
    ("beheer", "beheer", True, "Functioneel beheerder"),
]
DEMO_CLIENT = ("demo", "demo-secret")


class Command(BaseCommand):
    help = "Laad de democatalogus, een demo-API-client en demologins."

    def handle(self, *args, **options):
        actor = Actor.system(configured_base_url(), name="zaakwerk-demo")
        with transaction.atomic():
            self._users()
            self._client(actor)
            created = self._catalogue(actor)
        self.stdout.write(self.style.SUCCESS(
            "Demodata geladen" + (f": {created}" if created else " (was al aanwezig).")))

    def _users(self):
        User = get_user_model()
        for username, password, superuser, name in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                continue
            user = User(username=username, first_name=name, is_staff=True, is_superuser=superuser)
            user.set_password(password)
            user.save()

    def _client(self, actor):
        from zaakwerk.autorisaties import domain
        from zaakwerk.autorisaties.models import Applicatie

        client_id, secret = DEMO_CLIENT
        ClientCredential.objects.get_or_create(client_id=client_id, defaults={"secret": secret})
        if not Applicatie.objects.filter(client_ids__client_id=client_id).exists():
            domain.create_applicatie(actor, {"client_ids": [client_id], "label": "Demo-applicatie",
                                             "heeft_alle_autorisaties": True, "autorisaties": []})

    def _catalogue(self, actor) -> str:
        from zaakwerk.catalogi.demo import load_demo_catalogue

        return load_demo_catalogue(actor)
