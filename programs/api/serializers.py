"""What the open API says of a programme, an organisation, a group and a municipality: the
approved versions only, in their public shape (``programs.selectors.public``: the programme
and its groups), and nothing personal — no teachers, heads, coordinators or authors."""

from django.urls import reverse
from rest_framework import serializers

from ..choices import Focus, GroupFunding, Level, OrganisationType, ProgramType, StudyForm, Weekday
from ..models import Municipality, Organisation, Settlement


class SettlementSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", help_text="Тип и название: «с. Донское».")

    class Meta:
        model = Settlement
        fields = ["id", "name", "oktmo"]


class MunicipalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["id", "name", "oktmo"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    settlement = SettlementSerializer(allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "short_name", "settlement"]


class ScheduleSerializer(serializers.Serializer):
    weekday = serializers.ChoiceField(choices=Weekday.choices, help_text="1 — понедельник.")
    time_start = serializers.CharField(help_text="ЧЧ:ММ")
    time_end = serializers.CharField(help_text="ЧЧ:ММ")


class GroupSerializer(serializers.Serializer):
    """A group as its programme's approved version has it; free places and whether it takes
    applications today are the group's own figures of today."""

    id = serializers.IntegerField()
    programme = serializers.IntegerField(help_text="Идентификатор программы.")
    name = serializers.CharField()
    age_from = serializers.IntegerField()
    age_to = serializers.IntegerField()
    places = serializers.IntegerField()
    free_places = serializers.IntegerField(allow_null=True)
    enrolment_from = serializers.DateField(allow_null=True)
    enrolment_to = serializers.DateField(allow_null=True)
    enrolment_open = serializers.BooleanField(help_text="Приём заявок идёт сегодня.")
    study_from = serializers.DateField(allow_null=True)
    study_to = serializers.DateField(allow_null=True)
    funding = serializers.ChoiceField(choices=GroupFunding.choices)
    cost = serializers.FloatField(allow_null=True)
    address = serializers.CharField(allow_blank=True)
    settlement = SettlementSerializer(allow_null=True)
    schedule = ScheduleSerializer(many=True)


class ProgrammeSerializer(serializers.Serializer):
    """A published programme in its public shape (``programs.selectors.public``)."""

    id = serializers.IntegerField(help_text="Идентификатор программы.")
    name = serializers.CharField()
    short_description = serializers.CharField()
    focus = serializers.ChoiceField(choices=Focus.choices)
    focus_label = serializers.CharField()
    specialisation = serializers.CharField(allow_null=True)
    level = serializers.ChoiceField(choices=Level.choices)
    program_type = serializers.ChoiceField(choices=ProgramType.choices)
    age_from = serializers.IntegerField()
    age_to = serializers.IntegerField()
    study_form = serializers.ChoiceField(choices=StudyForm.choices)
    uses_distance_technologies = serializers.BooleanField()
    ovz_suitable = serializers.BooleanField()
    ovz_categories = serializers.ListField(child=serializers.CharField())
    aids_career_guidance = serializers.BooleanField()
    funding_budget = serializers.BooleanField()
    funding_certificate = serializers.BooleanField()
    funding_paid = serializers.BooleanField()
    cost = serializers.FloatField(allow_null=True)
    enrolment_from = serializers.DateField(allow_null=True)
    enrolment_to = serializers.DateField(allow_null=True)
    organisation = OrganisationRefSerializer()
    municipality = MunicipalityRefSerializer()
    approved_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="Страница программы в каталоге.")

    def get_url(self, programme) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("programs:public_detail", args=[programme.id])
        )


class ProgrammeDetailSerializer(ProgrammeSerializer):
    description = serializers.CharField(help_text="Содержание программы.")
    duration_months = serializers.IntegerField(allow_null=True)
    duration_hours = serializers.IntegerField(allow_null=True)
    address = serializers.CharField(allow_blank=True)
    groups = GroupSerializer(many=True)


class OrganisationSerializer(serializers.ModelSerializer):
    org_type = serializers.ChoiceField(choices=OrganisationType.choices)
    org_type_label = serializers.CharField(source="get_org_type_display")
    settlement = SettlementSerializer(allow_null=True)
    municipality = MunicipalityRefSerializer()
    programmes = serializers.IntegerField(help_text="Опубликованных программ.")
    url = serializers.SerializerMethodField(help_text="Страница организации в каталоге.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "short_name",
            "full_name",
            "org_type",
            "org_type_label",
            "inn",
            "ogrn",
            "address",
            "settlement",
            "phone",
            "email",
            "website",
            "has_accessible_environment",
            "municipality",
            "programmes",
            "url",
        ]

    def get_url(self, organisation) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("programs:public_organisation", args=[organisation.pk])
        )


class CentreSerializer(serializers.Serializer):
    full_name = serializers.CharField()
    short_name = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)


class MunicipalitySerializer(serializers.ModelSerializer):
    centre = serializers.SerializerMethodField(help_text="Опорный центр, если он заполнен.")
    programmes = serializers.IntegerField(help_text="Опубликованных программ.")

    class Meta:
        model = Municipality
        fields = ["id", "name", "region", "oktmo", "slug", "centre", "programmes"]

    def get_centre(self, municipality) -> CentreSerializer(allow_null=True):  # type: ignore[valid-type]
        centre = getattr(municipality, "centre", None)
        if centre is None or not centre.full_name:
            return None
        return CentreSerializer(centre).data


class ErrorSerializer(serializers.Serializer):
    """A refusal: ``detail`` for the whole request, or a list of messages per parameter."""

    detail = serializers.CharField(required=False)
