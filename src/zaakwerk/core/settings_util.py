from django.conf import settings


def configured_base_url() -> str:
    """The base URL for work outside a request (command line, worker)."""
    return settings.ZAAKWERK_BASE_URL or f"http://127.0.0.1:{__import__('os').environ.get('PORT', '8000')}"
