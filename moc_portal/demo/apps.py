from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "moc_portal.demo"
    label = "demo"
    verbose_name = "Демо-данные"
