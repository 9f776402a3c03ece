from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    """Shared base code: the embedded database's fixes and ``load_demo`` for every app."""

    name = "moc_portal.core"
    label = "core"
    verbose_name = "Общее"

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter
        from .sqlite import install_unicode_like

        register_converter(IdConverter, "id")

        from . import deploy  # noqa: F401 (registers its system check)

        connection_created.connect(install_unicode_like)
