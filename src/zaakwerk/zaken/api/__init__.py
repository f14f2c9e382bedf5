"""Zaken API 1.7.0. Each module declares the resources of one subject; this module puts them on
the URL root ``/zaken/api/v1``."""

from zaakwerk.core.api import api_urls

from .base import API

RESOURCES = []

# Subject modules register their resources here as they are built (keep this order stable: the
# resource registry is used by expand across resources).
for _module in ("zaak", "status", "betrokkenen", "objecten", "eigenschappen", "relaties", "notities"):
    try:
        _mod = __import__(f"{__name__}.{_module}", fromlist=["RESOURCES"])
    except ModuleNotFoundError as exc:  # a subject not built yet
        if exc.name != f"{__name__}.{_module}":
            raise
        continue
    RESOURCES.extend(_mod.RESOURCES)

urlpatterns = api_urls(API, RESOURCES)
