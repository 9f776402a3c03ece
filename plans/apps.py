from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Планы, дорожные карты и медиапланы"

    def ready(self):
        # A plan file is read by the registry's import jobs, in a worker.
        from programs import jobs
        from programs.models import SpreadsheetJob

        from .imports import plan_file_read

        jobs.register_reader(SpreadsheetJob.Kind.PLAN_IMPORT, plan_file_read)
