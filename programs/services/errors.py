"""The registry's refusal: a request the rules refuse, with a message for the person."""

from moc_portal.core.errors import DomainError


class RegistryError(DomainError):
    """A request the rules refuse; the message is for the person and says what to do."""
