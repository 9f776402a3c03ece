from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Реестр программ"

    def ready(self):
        from moc_portal import health

        from . import cabinet, signals
        from .cache import bump_catalogue_version, outage_copy

        if outage_copy not in health.OUTAGE_COPIES:
            health.OUTAGE_COPIES.append(outage_copy)
        cabinet.register()

        for signal in (
            signals.program_published,
            signals.program_changed,
            signals.program_archived,
            signals.organisation_changed,
        ):
            signal.connect(bump_catalogue_version, dispatch_uid=f"catalogue-cache-{id(signal)}")
