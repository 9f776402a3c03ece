"""The export formats of the Django admin (django-import-export): CSV and Excel whose text
cells never start a formula (``spreadsheets.formula_escaped``). Its own setting,
``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``, only drops a leading «=» and leaves «+», «-» and
«@», so these formats escape every cell themselves."""

from import_export.admin import ExportActionMixin
from import_export.formats import base_formats
from tablib import Dataset

from moc_portal.core.text import ru_count
from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction

from .spreadsheets import formula_escaped


class FormulaSafeFormat:
    def export_data(self, dataset, **kwargs):
        safe = Dataset(
            *([formula_escaped(value) for value in row] for row in dataset),
            headers=dataset.headers,
            title=dataset.title,
        )
        return super().export_data(safe, **kwargs)


class CSV(FormulaSafeFormat, base_formats.CSV):
    pass


class XLSX(FormulaSafeFormat, base_formats.XLSX):
    pass


class FormulaSafeExportActionMixin(ExportActionMixin):
    """The admin's «Экспорт» action in these formats only; every export is written into the
    personal data trail (the rows carry names, phones and e-mails)."""

    export_formats = [CSV, XLSX]

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        personal_data_event(
            actor=request.user,
            action=PersonalDataAction.EXPORTED,
            subject=f"Администрирование, «{self.model._meta.verbose_name_plural}»: "
            f"{ru_count(queryset.count(), 'запись,записи,записей')}",
        )
        return data
