"""The address a request came from, for the hotline's limit and the sign-in's lockout."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address from ``CLIENT_IP_HEADER``. A proxy's X-Forwarded-For lists
    «what the client claimed, …, what the proxy saw»: the last entry is the one our own proxy
    wrote, so a client cannot choose its address by sending the header itself."""
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[-1].strip()
