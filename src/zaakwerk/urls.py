"""URL roots: every ZGW API on one host, as integrators expect, plus the admin."""

from django.contrib import admin
from django.urls import include, path

from zaakwerk.core.views import api_not_found, server_error

urlpatterns = [
    path("autorisaties/api/v1/", include("zaakwerk.autorisaties.api")),
    path("catalogi/api/v1/", include("zaakwerk.catalogi.api")),
    path("zaken/api/v1/", include("zaakwerk.zaken.api")),
    path("documenten/api/v1/", include("zaakwerk.documenten.api")),
    path("besluiten/api/v1/", include("zaakwerk.besluiten.api")),
    path("notificaties/api/v1/", include("zaakwerk.notificaties.api")),
    path("referentielijsten/api/v1/", include("zaakwerk.referentielijsten.api")),
    path("admin/", admin.site.urls),
    path("", include("zaakwerk.core.urls")),
]

handler404 = api_not_found
handler500 = server_error
