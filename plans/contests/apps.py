from django.apps import AppConfig


class ContestsConfig(AppConfig):
    """Contests the centre runs (the regulation's §3.10, §3.12, §3.15): a regional contest and
    its municipal stages, applications with participants and consents, the jury, results,
    protocol, diplomas, nominees, and the bank of best practices (§3.3). Part of the centre's
    own work (DESIGN.md puts it in ``plans``), kept in a package of its own."""

    name = "plans.contests"
    label = "contests"
    verbose_name = "Конкурсы"

    def ready(self):
        from . import cabinet, register, signals

        # The events register and the plan item follow a contest's fixed results.
        signals.results_fixed.connect(
            register.on_results_fixed, dispatch_uid="contests.register_contest"
        )

        cabinet.register()  # an expert's page lists the contests they judge
