from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from moc_portal.core import russian
from moc_portal.core.concurrency import SeenFormMixin
from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.core.uploads import check_image_pixels
from programs.choices import Focus
from programs.models import WISH_MAX_LENGTH, Municipality, Settlement

from .models import ANSWER_MAX_LENGTH, Block, Document, News, Page, Question

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MARKDOWN = forms.Textarea(attrs={"rows": 14, "class": "markdown-source"})
IMAGE_TYPES = "image/jpeg,image/png,image/webp"


def _limit_size(upload, field_label: str):
    if upload and upload.size > settings.PORTAL_UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            f"{field_label} больше {filesizeformat(settings.PORTAL_UPLOAD_MAX_BYTES)}: "
            "уменьшите файл и загрузите снова."
        )
    return upload


class NewsForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    """The cover is taken as a plain file: the service checks it is an image and resizes it."""

    cover_upload = forms.FileField(
        label="Обложка",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
        help_text="JPEG, PNG или WebP; уменьшается до 1600 пикселей по большей стороне.",
    )
    tags_text = forms.CharField(
        label="Теги", required=False, help_text="Через запятую: «Навигатор, родителям»."
    )

    class Meta:
        model = News
        fields = ["title", "lead", "body", "cover_alt", "block", "media_item", "is_published"]
        widgets = {"lead": forms.Textarea(attrs={"rows": 2}), "body": MARKDOWN}

    def __init__(self, *args, media_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["media_item"].queryset = media_items
        self.fields["media_item"].label_from_instance = lambda item: (
            f"{item.plan.period_label}: {item.number} {item.title[:90]}"
        )
        self.fields[
            "media_item"
        ].help_text = "Опубликованная новость войдёт в отчёт медиаплана по этому пункту."
        self.fields["block"].empty_label = "Без блока"
        self.fields["media_item"].empty_label = "Не относится к медиаплану"
        if self.instance.pk:
            self.initial["tags_text"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_cover_upload(self):
        upload = _limit_size(self.cleaned_data.get("cover_upload"), "Обложка")
        if upload:
            check_image_pixels(upload, "Обложка")
        return upload

    @property
    def tag_names(self) -> list[str]:
        return self.cleaned_data.get("tags_text", "").split(",")


class PageForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["block", "title", "summary", "body", "is_published"]
        widgets = {"body": MARKDOWN}


class BlockForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Block
        fields = ["title", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(SeenFormMixin, BootstrapFormMixin, forms.ModelForm):
    upload = forms.FileField(label="Файл", required=False)

    class Meta:
        model = Document
        fields = ["kind", "number", "signed_on", "title", "description", "block", "is_published"]
        widgets = {"signed_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].empty_label = "Без блока"
        self.fields["upload"].required = not self.instance.pk
        if self.instance.plan_id:
            del self.fields["upload"]  # the plan's file is built from the plan itself

    def clean_upload(self):
        return _limit_size(self.cleaned_data.get("upload"), "Файл")


class PublicContactForm(forms.Form):
    """What every public form that may take personal data has: the 152-ФЗ consent, and
    ``website``, a honeypot people do not see and robots fill."""

    consent = forms.BooleanField(
        label="Я даю согласие на обработку моих персональных данных на условиях, изложенных ниже",
        required=False,
    )
    website = forms.CharField(
        label="Сайт (не заполняйте)",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class QuestionForm(BootstrapFormMixin, forms.ModelForm, PublicContactForm):
    """The hotline's form."""

    class Meta:
        model = Question
        fields = ["municipality", "asker_kind", "name", "email", "phone", "topic", "text"]
        labels = {"name": "Как к вам обращаться", "text": "Ваш вопрос"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "email": "На этот адрес придёт ответ.",
            "phone": "Если удобнее, чтобы вам перезвонили.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["name", "email", "text"]:
            self.fields[name].required = True
        municipalities = Municipality.objects.order_by("name")
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].label = "Муниципалитет"
        self.fields["municipality"].empty_label = "Выберите муниципалитет"
        if len(municipalities) == 1:
            self.initial.setdefault("municipality", municipalities[0].pk)
        self.fields["topic"].choices = [
            ("", "Выберите тему"),
            *Question._meta.get_field("topic").choices,
        ]
        self.fields["asker_kind"].choices = [
            ("", "Выберите"),
            *Question._meta.get_field("asker_kind").choices,
        ]


class AnswerForm(BootstrapFormMixin, forms.Form):
    answer = forms.CharField(
        label="Ответ автору",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Придёт автору на e-mail. В FAQ он не попадает.",
    )


class FaqForm(BootstrapFormMixin, forms.Form):
    faq_question = forms.CharField(
        label="Вопрос для FAQ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Своими словами, без имён, адресов и телефонов.",
    )
    faq_answer = forms.CharField(
        label="Ответ для FAQ",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown.",
    )
    faq_published = forms.BooleanField(
        label="Показывать в разделе «Вопросы и ответы»", required=False
    )


class WishForm(BootstrapFormMixin, PublicContactForm):
    """«Какой кружок нужен вашему ребёнку?»: no name or contact unless the parent asks for an
    answer (then under the hotline's consent)."""

    settlement = forms.TypedChoiceField(
        label="Где вы живёте",
        coerce=int,
        error_messages={
            "required": "Выберите населённый пункт.",
            "invalid_choice": "Такого населённого пункта нет в списке: выберите его из списка.",
        },
    )
    age = forms.IntegerField(
        label="Возраст ребёнка, полных лет",
        min_value=5,
        max_value=17,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 5, "max": 17}),
        error_messages={
            "required": "Укажите возраст ребёнка.",
            "invalid": "Возраст — целое число лет, например 9.",
            "min_value": "Форма — для детей от 5 до 17 лет: укажите возраст от 5 до 17.",
            "max_value": "Форма — для детей от 5 до 17 лет: укажите возраст от 5 до 17.",
        },
    )
    focus = forms.ChoiceField(
        label="Чем хочет заниматься",
        choices=[("", "Выберите направленность"), *Focus.choices],
        error_messages={
            "required": "Выберите, чем хочет заниматься ребёнок.",
            "invalid_choice": "Выберите направленность из списка.",
        },
    )
    text = forms.CharField(
        label="Какой кружок нужен (по желанию)",
        required=False,
        max_length=WISH_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"Напишите короче: до {WISH_MAX_LENGTH} знаков."},
    )
    wants_answer = forms.BooleanField(label="Я хочу получить ответ", required=False)
    name = forms.CharField(label="Как к вам обращаться", max_length=200, required=False)
    email = forms.EmailField(
        label="E-mail для ответа",
        required=False,
        error_messages={"invalid": "Проверьте адрес e-mail: в нём должны быть «@» и домен."},
    )
    phone = forms.CharField(label="Телефон", max_length=40, required=False)

    def __init__(self, *args, municipality=None, **kwargs):
        super().__init__(*args, **kwargs)
        settlements = Settlement.objects.select_related("municipality").order_by(
            "municipality__name", "name"
        )
        if municipality is not None:
            settlements = settlements.filter(municipality=municipality)
        groups: dict[str, list] = {}
        for settlement in settlements:
            groups.setdefault(settlement.municipality.name, []).append(
                (settlement.pk, str(settlement))
            )
        choices = next(iter(groups.values())) if len(groups) == 1 else list(groups.items())
        self.fields["settlement"].choices = [("", "Выберите населённый пункт"), *choices]
        # The words are erased by the hotline's nightly purge (services.personal_data_purge).
        days = russian.count(settings.HOTLINE_RETENTION_DAYS, "день")
        self.fields["text"].help_text = (
            "Например: «робототехника по субботам», «хор рядом со школой». Не пишите здесь "
            f"имена, телефоны и адреса: текст удаляется через {days}, а возраст, место и "
            "направленность остаются в подсчёте."
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")

    def clean(self):
        data = super().clean()
        if data.get("wants_answer"):
            if not data.get("name"):
                self.add_error(
                    "name",
                    "Напишите, как к вам обращаться, — или снимите «Я хочу получить ответ».",
                )
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", "Укажите e-mail, на который прислать ответ.")
        else:
            # Without a request for an answer nothing personal is kept, whatever was typed.
            for name in ("name", "email", "phone"):
                data[name] = ""
            data["consent"] = False
        return data
