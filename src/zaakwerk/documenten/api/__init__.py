"""Documenten API: the URL root /documenten/api/v1."""

urlpatterns: list = []
