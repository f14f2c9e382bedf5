from django.apps import AppConfig


class NotificatiesConfig(AppConfig):
    name = "zaakwerk.notificaties"
    label = "notificaties"
    verbose_name = "Notificaties"
    default_auto_field = "django.db.models.BigAutoField"
