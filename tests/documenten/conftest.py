"""Fixtures every Documenten test gets: document content in a directory of the test (never var/),
the system actor, "this server" for domain calls outside a request, and a catalogus."""

from __future__ import annotations

import pytest

from zaakwerk.catalogi import domain as catalogi

from ..zaken.conftest import _serving, system  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every test stores content in its own directory (and never in var/)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return root


@pytest.fixture
def catalogus(db, system):  # noqa: F811 - the imported fixture
    return catalogi.create_catalogus(system, {"domein": "DRC", "rsin": "000000000",
                                              "contactpersoon_beheer_naam": "Beheer"})
