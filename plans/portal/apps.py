from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "plans.portal"
    label = "portal"
    verbose_name = "Информационный портал МОЦ"
