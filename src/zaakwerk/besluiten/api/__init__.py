"""Besluiten API: the URL root /besluiten/api/v1."""

urlpatterns: list = []
