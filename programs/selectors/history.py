"""Field-level change history of a programme or an organisation, in words."""

from django.utils.text import capfirst

from .card import field_text


def change_history(obj) -> list[dict]:
    """Field-level change history of a programme or organisation, newest first."""
    records = obj.history.select_related("history_user").order_by("-history_date")
    return history_rows(list(records), type(obj))


def history_rows(records: list, model, *, hidden=()) -> list[dict]:
    """Each historical record of one object (newest first) with what it changed, field by
    field, in words; ``hidden`` fields (counters) are left out."""
    rows = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                if change.field in hidden:
                    continue
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "label": capfirst(field.verbose_name),
                        "old": field_text(field, change.old),
                        "new": field_text(field, change.new),
                    }
                )
        rows.append({"record": record, "changes": changes})
    return rows
