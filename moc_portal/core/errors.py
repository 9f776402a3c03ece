"""The one base of the refusals a service raises: its message says, in Russian, what to do."""


class DomainError(Exception):
    """A rule of the domain refused the action. Views show it with ``service_call``;
    ``PermissionDenied`` (403) and ``ValidationError`` (a form's fields) stay Django's own."""
