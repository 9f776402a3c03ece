"""When a teacher's personal data are erased after the retention (``programs.staffing``), their
courses lose what names them: the certificate's file and number. The courses themselves (dates,
hours) stay, so the years' counts of completed courses hold."""

from django.db import transaction

from .models import Course


def courses_erase(sender, teacher_ids, **kwargs) -> None:
    courses = Course.objects.filter(teacher_id__in=teacher_ids)
    files = [(c.certificate.storage, c.certificate.name) for c in courses if c.certificate]
    courses.update(certificate="", certificate_number="")
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
