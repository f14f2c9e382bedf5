"""Documenten API 1.7.0. Each module declares the resources of one subject; this module puts them
on the URL root ``/documenten/api/v1``."""

from zaakwerk.core.api import api_urls

from . import bestandsdelen, documenten, gebruiksrechten, relaties, verzendingen
from .base import API

RESOURCES = [
    *documenten.RESOURCES, *bestandsdelen.RESOURCES, *relaties.RESOURCES,
    *gebruiksrechten.RESOURCES, *verzendingen.RESOURCES,
]

urlpatterns = api_urls(API, RESOURCES)
