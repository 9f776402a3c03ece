"""One row of the programmes sheet as the programme it describes: its organisation as the
template names it («name (ИНН)»), its profile, the saved programme it changes, and the
model's own checks of it."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from moc_portal.core.sheet_cells import convert_row, normal, present_fields
from moc_portal.core.sheet_import import RowError
from moc_portal.users.models import User

from .. import spreadsheets
from ..choices import ProgramStatus
from ..models import Organisation, Program, Specialisation
from ..readiness import PUBLISHING_TEXTS

PROGRAM_FIELDS = [
    c.source
    for c in spreadsheets.PROGRAM_COLUMNS
    if c.importable and c.source not in ("pk", "organisation_label", "specialisation__name")
]
ORGANISATION_HEADER = "Организация"
LEGACY_INN_HEADER = "ИНН организации"
HEADER_OF = {c.source: c.header for c in spreadsheets.PROGRAM_COLUMNS}
HEADER_OF.update({"organisation": ORGANISATION_HEADER, "specialisation": "Профиль"})


@dataclass
class Lookups:
    """What a row's references resolve to, for one person."""

    organisations: dict = field(default_factory=dict)  # INN -> [Organisation the person keeps]
    by_name: dict = field(default_factory=dict)  # normalised name -> [Organisation]
    known_inns: set = field(default_factory=set)  # every INN in the registry
    specialisations: dict = field(default_factory=dict)  # normalised name -> Specialisation


def program_lookups(user: User) -> Lookups:
    organisations, by_name = defaultdict(list), defaultdict(list)
    for organisation in Organisation.objects.select_related("municipality").managed_by(user):
        organisations[organisation.inn].append(organisation)
        for name in {normal(organisation.short_name), normal(organisation.full_name)}:
            by_name[name].append(organisation)
    return Lookups(
        organisations=organisations,
        by_name=by_name,
        known_inns=set(Organisation.objects.values_list("inn", flat=True)),
        specialisations={normal(s.name): s for s in Specialisation.objects.all()},
    )


@dataclass
class ProgramCandidates:
    """What turns a row of the file into a programme, for one person."""

    user: User
    header: list
    lookups: Lookups
    existing: dict  # the person's programmes by pk
    by_name: dict  # (organisation id, normalised name) -> programme

    def candidate(
        self, number: int, values, read_as=None
    ) -> tuple[Program | None, Program | None, list]:
        """(the programme as the row has it, the saved one it changes or None, errors).
        ``read_as(number, readings)`` hears of choices typed otherwise than listed."""
        raw = dict(zip(self.header, values, strict=False))
        readings = []
        data, problems = convert_row(spreadsheets.PROGRAM_COLUMNS, raw, readings)
        if read_as and readings:
            read_as(number, readings)
        errors = [RowError(number, column, reason) for column, reason in problems]
        organisation = _row_organisation(data, raw, self.lookups, number, errors)
        specialisation = _row_specialisation(data, self.lookups, number, errors)
        if errors:
            return None, None, errors
        target, key_error = _row_target(data, organisation, self.existing, self.by_name)
        if key_error:
            return None, None, [RowError(number, "ID портала", key_error)]
        fields = present_fields(Program, PROGRAM_FIELDS, data)
        if target:
            # A text left empty keeps the programme's own: an empty cell never erases one.
            for name in PUBLISHING_TEXTS:
                if not fields.get(name, "x").strip():
                    del fields[name]
        fields["organisation"] = organisation
        fields["specialisation"] = specialisation
        candidate = Program(**({**field_values(target), **fields} if target else fields))
        if target:
            candidate.pk = target.pk
            candidate.status = target.status
        else:
            candidate.status = ProgramStatus.DRAFT
            candidate.created_by = self.user
        return candidate, target, []


LABEL_INN = re.compile(r"^(?P<name>.*?)\s*\((?:ИНН\s*)?(?P<inn>\d{10}|\d{12})\)\s*$")


def organisation_label(organisation: Organisation) -> str:
    """How the template names an organisation: «МБОУ СШ № 1 (4808001234)»."""
    return f"{organisation.short_name} ({organisation.inn})"


def _row_organisation(data, raw, lookups, number, errors):
    label = str(data.get("organisation_label") or "").strip()
    if not label:
        return None
    organisation, reason = organisation_for(label, raw.get(LEGACY_INN_HEADER), lookups)
    if reason:
        errors.append(RowError(number, ORGANISATION_HEADER, reason))
    return organisation


def organisation_for(label: str, legacy_inn, lookups):
    """(organisation, None) from «name (ИНН)» as the template lists it — a bare INN or a name
    alone also do when they point at one organisation the person keeps — or (None, why)."""
    label = str(label).strip()
    match = LABEL_INN.match(label)
    name, inn = (match["name"], match["inn"]) if match else ("", "")
    if not match and label.isdigit():
        inn = label
    elif not match:
        name = label
        inn = str(legacy_inn or "").strip()  # an export of the older template
    if inn:
        found = lookups.organisations.get(inn, [])
        if name and len(found) > 1:
            found = [
                o for o in found if normal(name) in (normal(o.short_name), normal(o.full_name))
            ]
    else:
        found = lookups.by_name.get(normal(name), [])
    if len(found) == 1:
        return found[0], None
    if len(found) > 1:
        reason = (
            f"организаций «{label}» у вас несколько (в разных муниципалитетах): выберите "
            "нужную из списка — в нём указаны наименование и ИНН"
        )
    elif inn and inn in lookups.known_inns:
        reason = f"организация с ИНН {inn} есть в реестре, но вы не можете загружать её программы"
    elif inn:
        reason = f"организации с ИНН {inn} нет в реестре: сначала добавьте её"
    else:
        reason = (
            f"организации «{label}» нет среди ваших: выберите её из списка «наименование (ИНН)» "
            "на листе «Справочники»"
        )
    return None, reason


def _row_specialisation(data, lookups, number, errors):
    name = data.get("specialisation__name")
    if not name:
        return None
    specialisation = lookups.specialisations.get(normal(name))
    if specialisation is None:
        errors.append(RowError(number, "Профиль", f"профиля «{name}» нет в справочнике портала"))
    return specialisation


def _row_target(data, organisation, existing, by_name):
    pk = data.get("pk")
    if pk is not None:
        target = existing.get(pk)
        if target is None:
            return (
                None,
                f"программы с ID {pk} нет среди ваших: очистите ячейку, чтобы создать новую",
            )
        if target.organisation_id != organisation.pk:
            return None, (
                f"программа с ID {pk} относится к другой организации; перенос между "
                "организациями делается в карточке программы"
            )
        return target, None
    return by_name.get((organisation.pk, normal(data["name"]))), None


def field_values(program: Program) -> dict:
    return {name: getattr(program, name) for name in PROGRAM_FIELDS}


def same_programme(target: Program, candidate: Program) -> bool:
    names = [*PROGRAM_FIELDS, "organisation_id", "specialisation_id"]
    return all(_comparable(getattr(target, n)) == _comparable(getattr(candidate, n)) for n in names)


def _comparable(value):
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def model_errors(program: Program, number: int) -> list[RowError]:
    """The model's own checks, but for the texts a draft may lack (it stays a draft)."""
    empty_texts = [name for name in PUBLISHING_TEXTS if not getattr(program, name).strip()]
    try:
        program.clean_fields(
            exclude=["organisation", "specialisation", "created_by", "image", *empty_texts]
        )
        program.clean()
    except ValidationError as error:
        return [
            RowError(number, HEADER_OF.get(name, "—"), message.rstrip("."))
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []
