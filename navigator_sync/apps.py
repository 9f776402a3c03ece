from django.apps import AppConfig


class NavigatorSyncConfig(AppConfig):
    name = "navigator_sync"
    verbose_name = "Передача в Навигатор"

    def ready(self):
        from programs import readiness as registry_readiness
        from programs import signals

        from . import outbox, readiness

        registry_readiness.register(readiness.payload_problems)

        for signal in (
            signals.program_published,
            signals.program_changed,
            signals.program_archived,
        ):
            signal.connect(outbox.on_programs_changed, dispatch_uid=f"navigator-{id(signal)}")
        signals.organisation_changed.connect(
            outbox.on_organisations_changed, dispatch_uid="navigator-organisation"
        )
