from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Реестр программ"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from moc_portal import health

        from . import cabinet, signals
        from .cache import bump_catalogue_version, outage_copy, territory_changed
        from .models import Centre, Municipality

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
        # The home page lists the municipalities, and every page names its centre.
        for model in (Municipality, Centre):
            for signal in (post_save, post_delete):
                signal.connect(
                    territory_changed,
                    sender=model,
                    dispatch_uid=f"catalogue-cache-{model.__name__}-{id(signal)}",
                )
