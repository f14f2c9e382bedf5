from django.apps import AppConfig


class BesluitenConfig(AppConfig):
    name = "zaakwerk.besluiten"
    label = "besluiten"
    verbose_name = "Besluiten"
    default_auto_field = "django.db.models.BigAutoField"
