"""``zaakwerk client add CLIENT_ID SECRET [--all-permissions]``: register a JWT-ZGW secret; with
the flag also an Applicatie with heeftAlleAutorisaties. ``client remove CLIENT_ID`` removes the
secret. Used by CI and operators' scripts: keep the names stable."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from zaakwerk.core.actor import Actor
from zaakwerk.core.models import ClientCredential


class Command(BaseCommand):
    help = "Beheer JWT-clients (client_id + geheim)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="registreer of wijzig een client")
        add.add_argument("client_id")
        add.add_argument("secret")
        add.add_argument("--all-permissions", action="store_true",
                         help="maak ook een Applicatie met heeftAlleAutorisaties")
        add.add_argument("--label", default="", help="label van de Applicatie")
        remove = sub.add_parser("remove", help="verwijder het geheim van een client")
        remove.add_argument("client_id")
        sub.add_parser("list", help="toon de geregistreerde client IDs")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "list":
            for client_id in ClientCredential.objects.order_by("client_id").values_list("client_id", flat=True):
                self.stdout.write(client_id)
            return
        if action == "remove":
            deleted, _ = ClientCredential.objects.filter(client_id=options["client_id"]).delete()
            if not deleted:
                raise CommandError(f"Onbekende client: {options['client_id']}")
            self.stdout.write(f"Client {options['client_id']} verwijderd.")
            return
        client_id, secret = options["client_id"], options["secret"]
        if not client_id or not secret:
            raise CommandError("client_id en geheim mogen niet leeg zijn.")
        with transaction.atomic():
            ClientCredential.objects.update_or_create(client_id=client_id, defaults={"secret": secret})
            if options["all_permissions"]:
                self._ensure_applicatie(client_id, options["label"] or client_id)
        self.stdout.write(f"Client {client_id} geregistreerd"
                          + (" met alle autorisaties." if options["all_permissions"] else "."))

    def _ensure_applicatie(self, client_id: str, label: str) -> None:
        from zaakwerk.autorisaties import domain
        from zaakwerk.autorisaties.models import Applicatie
        from zaakwerk.core.settings_util import configured_base_url

        actor = Actor.system(configured_base_url(), name="zaakwerk-cli")
        existing = Applicatie.objects.filter(client_ids__client_id=client_id).first()
        data = {"client_ids": [client_id], "label": label, "heeft_alle_autorisaties": True,
                "autorisaties": []}
        if existing is None:
            domain.create_applicatie(actor, data)
        else:
            domain.update_applicatie(actor, existing, data, partial=False)
