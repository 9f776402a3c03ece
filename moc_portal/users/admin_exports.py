"""The admin's «Экспорт» action (django-import-export) in the formula-safe formats of
``core.admin_exports``; the rows carry names, phones and e-mails, so every export is written
into the personal data trail."""

from import_export.admin import ExportActionMixin

from moc_portal.core import russian
from moc_portal.core.admin_exports import CSV, XLSX

from .audit import personal_data_event
from .models import PersonalDataAction


class FormulaSafeExportActionMixin(ExportActionMixin):
    """The «Экспорт» action in these formats only, written into the personal data trail."""

    export_formats = [CSV, XLSX]

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        personal_data_event(
            actor=request.user,
            action=PersonalDataAction.EXPORTED,
            subject=f"Администрирование, «{self.model._meta.verbose_name_plural}»: "
            f"{russian.count(queryset.count(), 'запись')}",
        )
        return data
