from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """Independent quality assessment of programmes (независимая оценка качества): part of the
    registry (DESIGN.md puts it in ``programs``), kept in a package of its own."""

    name = "programs.assessment"
    label = "assessment"
    verbose_name = "Независимая оценка качества программ"
