"""Teachers for the staffing tests: ``teacher(org, "Шацких Надежда Александровна")``."""

from programs.staffing.models import Teacher

POST = "педагог дополнительного образования"


def teacher(organisation, full_name: str, **fields) -> Teacher:
    surname, name, *rest = full_name.split()
    return Teacher.objects.create(
        organisation=organisation,
        surname=surname,
        name=name,
        patronymic=" ".join(rest),
        post=fields.pop("post", POST),
        **fields,
    )
