"""The Documenten register."""
from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "zaakwerk.documenten"
    label = "documenten"
    verbose_name = "Documenten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # the Zaken and Besluiten registers of this server reach the documents in-process
        # (objectinformatieobjecten, zrc-005/022/023, brc-005) through core.registers
        from zaakwerk.core.registers import register_documenten

        from .domain.relaties import REGISTER

        register_documenten(REGISTER)
