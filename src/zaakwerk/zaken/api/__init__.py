"""Zaken API 1.7.0. Each module declares the resources of one subject; this module puts them on
the URL root ``/zaken/api/v1``."""

from zaakwerk.core.api import api_urls

from . import betrokkenen, eigenschappen, notities, objecten, relaties, status, zaak
from .base import API

RESOURCES = [
    *zaak.RESOURCES, *status.RESOURCES, *betrokkenen.RESOURCES, *objecten.RESOURCES,
    *eigenschappen.RESOURCES, *relaties.RESOURCES, *notities.RESOURCES,
]

urlpatterns = api_urls(API, RESOURCES)
