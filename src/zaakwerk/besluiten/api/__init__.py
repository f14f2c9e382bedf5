"""Besluiten API 1.1.0 on the URL root /besluiten/api/v1. Each module declares the resources of
one subject; registering them also makes ``REGISTRY["besluiten.besluit"]`` resolve local besluit
URLs for the other registers (zaakbesluiten, the archive derivation from besluit dates)."""

from zaakwerk.core.api import api_urls

from . import besluit, informatieobjecten
from .base import API

RESOURCES = [*besluit.RESOURCES, *informatieobjecten.RESOURCES]

urlpatterns = api_urls(API, RESOURCES)
