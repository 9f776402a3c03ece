from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    """Professional development of teachers (the regulation's §3.8): their courses and the
    centre's methodical events they register for and attend. Part of the centre's own work
    (DESIGN.md puts it in ``plans``), kept in a package of its own."""

    name = "plans.development"
    label = "development"
    verbose_name = "Профессиональное развитие педагогов"

    def ready(self):
        from programs.staffing.retention import teachers_erased

        from .retention import courses_erase

        teachers_erased.connect(courses_erase, dispatch_uid="development_courses_erase")
