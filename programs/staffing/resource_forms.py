"""Forms of the inventory pages, the resource search and the partners' resources."""

from django import forms
from django.conf import settings

from moc_portal.core.forms import BootstrapFormMixin, FilterForm
from moc_portal.core.uploads import too_large_message

from ..models import Municipality, Settlement
from .models import Equipment, Room, RoomKind


class RoomForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "kind", "capacity", "accessible", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class EquipmentForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["kind", "model", "count", "room"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(organisation=organisation)
        self.fields["room"].empty_label = "— не в помещении —"
        self.fields["count"].error_messages["min_value"] = "Количество — от 1 и больше."


class InventoryImportForm(BootstrapFormMixin, forms.Form):
    file = forms.FileField(
        label="Файл Excel (.xlsx) по шаблону",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": "Выберите файл для загрузки."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "Нужен файл Excel в формате .xlsx. Сохраните таблицу как «Книга Excel (.xlsx)»."
            )
        return upload


class ResourceSearchForm(FilterForm):
    q = forms.CharField(
        label="Что ищем",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "3D-принтер, кванториум, бассейн"}),
    )
    municipality = forms.ModelChoiceField(
        label="Муниципалитет", queryset=Municipality.objects.none(), required=False
    )
    settlement = forms.ModelChoiceField(
        label="Населённый пункт", queryset=Settlement.objects.none(), required=False
    )
    room_kind = forms.ChoiceField(
        label="Вид помещения", choices=[("", "любой"), *RoomKind.choices], required=False
    )
    accessible = forms.BooleanField(label="Доступная среда", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        settlements = Settlement.objects.select_related("municipality").order_by(
            "municipality__name", "name"
        )
        if user.is_administrator:
            # Settlements of the municipality chosen: the region's hundreds would make the
            # list unusable (and the page slow).
            self.fields["municipality"].queryset = Municipality.objects.order_by("name")
            chosen = self.data.get("municipality")
            chosen = int(chosen) if str(chosen or "").isdigit() and len(chosen) < 10 else None
            settlements = settlements.filter(municipality_id=chosen)
            self.fields["settlement"].help_text = "Сначала выберите муниципалитет."
        else:
            del self.fields["municipality"]
            settlements = settlements.filter(municipality_id=user.municipality_id)
        self.fields["settlement"].queryset = settlements


class PartnerResourceForm(BootstrapFormMixin, forms.Form):
    """A room and/or equipment of the partner's organisation. Only the partner's own are
    offered; any room is read, so that the service says whose another one is."""

    room = forms.ModelChoiceField(
        label="Помещение", queryset=Room.objects.all(), required=False, empty_label="—"
    )
    equipment = forms.ModelChoiceField(
        label="Оборудование", queryset=Equipment.objects.all(), required=False, empty_label="—"
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        rooms = Room.objects.filter(organisation=organisation).order_by("name")
        equipment = Equipment.objects.filter(organisation=organisation).order_by("kind", "pk")
        self.fields["room"].widget.choices = [("", "—")] + [(r.pk, r.name) for r in rooms]
        self.fields["equipment"].widget.choices = [("", "—")] + [
            (e.pk, f"{e.kind} {e.model}".strip() + f" ({e.count} шт.)") for e in equipment
        ]
