from django.apps import AppConfig


class StaffingConfig(AppConfig):
    """The people and places behind the programmes: each organisation's teachers, its rooms and
    its equipment (the inventory of the regulation's §3.16). Part of the registry (DESIGN.md
    puts organisations with their inventory in ``programs``), kept in a package of its own."""

    name = "programs.staffing"
    label = "staffing"
    verbose_name = "Кадры и ресурсы организаций"
