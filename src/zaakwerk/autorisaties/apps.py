from django.apps import AppConfig


class AutorisatiesConfig(AppConfig):
    name = "zaakwerk.autorisaties"
    label = "autorisaties"
    verbose_name = "Autorisaties"
    default_auto_field = "django.db.models.BigAutoField"
