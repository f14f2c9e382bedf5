"""Project-level views: the landing page, and 404/500 handlers that answer API paths with
application/problem+json instead of an HTML page."""

from django.http import HttpResponse
from django.views.defaults import page_not_found
from django.views.defaults import server_error as html_server_error

from .http import API_ROOT_MARKER, problem

API_VERSIONS = {
    "autorisaties": "1.1.0", "catalogi": "1.3.3", "zaken": "1.7.0", "documenten": "1.7.0",
    "besluiten": "1.1.0", "notificaties": "1.0.1", "referentielijsten": "0.6.0",
}


def _with_version(request, response):
    first = request.path.strip("/").split("/", 1)[0]
    if first in API_VERSIONS:
        response["API-version"] = API_VERSIONS[first]
    return response


def api_not_found(request, exception=None):
    if API_ROOT_MARKER in request.path:
        return _with_version(request, problem(404, "not_found", "Niet gevonden.", request=request))
    return page_not_found(request, exception)


def server_error(request):
    if API_ROOT_MARKER in request.path:
        return _with_version(request, problem(500, "error", "Er is een serverfout opgetreden.",
                                              request=request))
    return html_server_error(request)


def home(request):
    base = f"{request.scheme}://{request.get_host()}"
    apis = "".join(
        f'<li><a href="{base}/{name}/api/v1/">{name}</a> {version} '
        f'(<a href="{base}/{name}/api/v1/openapi.yaml">OpenAPI</a>)</li>'
        for name, version in API_VERSIONS.items()
    )
    html = (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>Zaakwerk</title></head>"
        "<body><h1>Zaakwerk</h1><p>Zaaksysteem met de ZGW API's.</p>"
        f"<h2>API's</h2><ul>{apis}</ul><p><a href='{base}/admin/'>Beheer (admin)</a></p></body></html>"
    )
    return HttpResponse(html)
