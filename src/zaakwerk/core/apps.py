from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zaakwerk.core"
    label = "core"
    verbose_name = "Kern"
    default_auto_field = "django.db.models.BigAutoField"
