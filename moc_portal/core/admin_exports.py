"""The export formats of the Django admin (django-import-export): CSV and Excel whose text
cells never start a formula (``spreadsheets.formula_escaped``). Its own setting,
``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT``, only drops a leading «=» and leaves «+», «-» and
«@», so these formats escape every cell themselves. The «Экспорт» action that offers them is
``users.admin_exports``: every export goes into the personal data trail."""

from import_export.formats import base_formats
from tablib import Dataset

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
