from django import forms

from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin

from .models import Teacher
from .services import TEACHER_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TeacherForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Teacher
        fields = TEACHER_FIELDS
        widgets = {
            "category_date": DATE,
            "hired_on": DATE,
            "left_on": DATE,
            "experience_years": forms.NumberInput(attrs={"min": 0, "max": 70}),
        }
        help_texts = {
            "post": "Как в штатном расписании: «педагог дополнительного образования».",
            "category_date": "Обязательна для любой категории, кроме «Без категории».",
            "left_on": (
                "Уволенный педагог остаётся в отчётах прошлых лет, но не в текущем списке и не "
                "в группах; его данные удаляются после срока хранения."
            ),
        }
