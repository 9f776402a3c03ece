from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Отчёты для РМЦ"

    def ready(self) -> None:
        # The build task lives beside its service and the app has no tasks module for Celery
        # to discover; a worker meets the views (and so the services) only through the system
        # checks, which CELERY_SKIP_CHECKS turns off.
        from . import services  # noqa: F401
