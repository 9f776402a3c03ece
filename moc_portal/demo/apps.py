from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data of every app, loaded in dependency order by ``load_demo``."""

    name = "moc_portal.demo"
    label = "demo"
    verbose_name = "Демо-данные"
