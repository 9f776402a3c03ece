from django import forms

from moc_portal.core.forms import BootstrapFormMixin

from .models import Course
from .services import COURSE_BACKWARDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CERTIFICATE_MAX_BYTES = 10 * 2**20
# What a PDF, PNG or JPEG file begins with, whatever its name says.
SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


class CourseForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "kind",
            "title",
            "provider",
            "hours",
            "starts_on",
            "ends_on",
            "certificate_number",
            "certificate",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"certificate": "PDF, JPEG или PNG, до 10 МБ."}

    def clean_certificate(self):
        file = self.cleaned_data.get("certificate")
        if file and getattr(file, "size", 0) > CERTIFICATE_MAX_BYTES:
            raise forms.ValidationError(
                "Файл больше 10 МБ. Отсканируйте удостоверение с меньшим разрешением."
            )
        if file and hasattr(file, "content_type"):  # a new upload, not the stored file
            head = file.read(8)
            file.seek(0)
            if not head.startswith(SIGNATURES):
                raise forms.ValidationError(
                    "Это не PDF, JPEG или PNG: сохраните скан удостоверения в одном из этих "
                    "форматов и загрузите снова."
                )
        return file

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", COURSE_BACKWARDS)
        return data


class TeacherChoiceForm(forms.Form):
    """The organisation's working teachers to register for an event, as checkboxes."""

    teachers = forms.ModelMultipleChoiceField(
        label="Педагоги", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = teachers
        self.fields["teachers"].label_from_instance = lambda t: f"{t.full_name}, {t.post}"


class TeachersImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label="Файл Excel (.xlsx)")
