"""Two people open the same form and both save: the second save is refused, shows the first
person's change, and goes through when saved again from the refreshed form. One case per form a
person edits, the plan item's in-place edit among them."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import Plan
from programs.assessment.models import Assignment
from tests.factories import StaffFactory
from tests.helpers import login
from tests.test_url_authorization import world  # noqa: F401 (the fixture)


class FormValues(HTMLParser):
    """What a browser would send for the first form on the page that carries ``seen``."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.current: list[tuple[str, str]] | None = None
        self.textarea: str | None = None
        self.select: str | None = None
        self.option: str | None = None
        self.first_option: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = []
            self.forms.append(self.current)
        if self.current is None or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.current.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = a["name"]
            self.current.append((a["name"], ""))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select:
            value = a.get("value", "")
            self.first_option.setdefault(self.select, value)
            if "selected" in a:
                self.current.append((self.select, value))

    def handle_data(self, data):
        if self.textarea and self.current:
            name, text = self.current[-1]
            self.current[-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self.current and self.current[-1][1].startswith("\n"):
                name, text = self.current[-1]
                self.current[-1] = (name, text[1:])
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None


def form_values(response) -> dict:
    parser = FormValues()
    parser.feed(response.content.decode())
    for values in parser.forms:
        data = {}
        for name, value in values:
            data.setdefault(name, []).append(value)
        if "seen" in data or any(name.endswith("-seen") for name in data):
            return {name: v if len(v) > 1 else v[0] for name, v in data.items()}
    raise AssertionError("На странице нет формы с тем, что видел пользователь (seen).")


@dataclass
class Case:
    url: str
    users: tuple  # the two people
    mine: dict  # what the first to open changes and saves last
    theirs: dict  # what the second changes and saves first
    shown: str  # the other person's change, as the refusal shows it
    post_url: str = ""
    check: dict = field(default_factory=dict)  # the stored result of the deliberate re-save


def _staff_pair(w):
    municipality = w.organisation.municipality
    return (StaffFactory(municipality=municipality), StaffFactory(municipality=municipality))


def _cases(w) -> dict[str, Case]:
    staff = _staff_pair(w)
    Plan.objects.filter(pk=w.plan.pk).update(created_by=staff[0])  # as the portal makes it
    coordinator = w.coordinator
    expert = Assignment.objects.get(pk=w.assignment.pk).expert
    criterion = w.campaign.criteria_set.criteria.get()
    return {
        "карточка программы": Case(
            reverse("programs:edit", args=[w.program.pk]),
            (coordinator, staff[0]),
            {"short_description": "Моё краткое описание"},
            {"name": "Робототехника для всех"},
            "Робототехника для всех",
        ),
        "группа программы": Case(
            reverse("programs:group_edit", args=[w.group.pk]),
            (coordinator, staff[0]),
            {"teacher_name": "Петров Пётр Петрович"},
            {"schedule-0-time_end": "17:45"},
            "17:45",
        ),
        "организация": Case(
            reverse("programs:organisation_edit", args=[w.organisation.pk]),
            staff,
            {"phone": "+7 (47471) 2-00-01"},
            {"short_name": "Новое краткое имя"},
            "Новое краткое имя",
        ),
        "организация у координатора": Case(
            reverse("programs:organisation_edit", args=[w.organisation.pk]),
            (coordinator, coordinator),
            {"phone": "+7 (47471) 2-00-01"},
            {"head_name": "Сидорова Анна Ивановна"},
            "Сидорова Анна Ивановна",
        ),
        "шапка плана": Case(
            reverse("plans:edit", args=[w.plan.pk]),
            staff,
            {"footnote": "Моя сноска"},
            {"title": "План работы МОЦ, новая редакция"},
            "План работы МОЦ, новая редакция",
        ),
        "раздел плана": Case(
            reverse("plans:section_edit", args=[w.plan_section.pk]),
            staff,
            {"number": "2."},
            {"title": "Организационная работа"},
            "Организационная работа",
        ),
        "мероприятие плана": Case(
            reverse("plans:item_edit", args=[w.plan_item.pk]),
            staff,
            {"responsible": "Яркина Я.О."},
            {"title": "Мониторинг программ, новая редакция"},
            "Мониторинг программ, новая редакция",
        ),
        "новость": Case(
            reverse("portal:news_edit", args=[w.news.pk]),
            (w.news.created_by, staff[0]),
            {"lead": "Мой анонс"},
            {"title": "Заголовок коллеги"},
            "Заголовок коллеги",
        ),
        "страница": Case(
            reverse("portal:page_edit", args=[w.page.pk]),
            (w.page.created_by, staff[0]),
            {"summary": "Моё описание"},
            {"body": "Текст, который написал коллега."},
            "Текст, который написал коллега.",
        ),
        "документ": Case(
            reverse("portal:document_edit", args=[w.document.pk]),
            (w.document.created_by, staff[0]),
            {"description": "Моё описание документа"},
            {"number": "461-ПП"},
            "461-ПП",
        ),
        "тексты годового отчёта": Case(
            reverse("reports:detail", args=[w.report.pk]),
            staff,
            {"perspectives": "Мои перспективы"},
            {"directions": "Направления, которые написал коллега"},
            "Направления, которые написал коллега",
            post_url=reverse("reports:texts", args=[w.report.pk]),
        ),
        "заполнение мониторинга": Case(
            reverse("reports:monitoring_fill", args=[w.fill.pk]),
            staff,
            {"children": "1250"},
            {"children": "1300"},
            "1300",
            check={},
        ),
        "оценка эксперта": Case(
            reverse("assessment:scoring", args=[w.assignment.pk]),
            (expert, expert),
            {"comment": "Мой комментарий"},
            {f"score_{criterion.pk}": "1"},
            "было: «—», стало: «1»",
        ),
    }


FORMS = [
    "карточка программы",
    "группа программы",
    "организация",
    "организация у координатора",
    "шапка плана",
    "раздел плана",
    "мероприятие плана",
    "новость",
    "страница",
    "документ",
    "тексты годового отчёта",
    "заполнение мониторинга",
    "оценка эксперта",
]


@pytest.mark.parametrize("name", FORMS)
def test_second_save_from_a_stale_form_is_refused_with_the_other_change(world, name):  # noqa: F811
    case = _cases(world)[name]
    mine, theirs = login(Client(), case.users[0]), login(Client(), case.users[1])
    post_url = case.post_url or case.url
    my_form = form_values(mine.get(case.url))
    their_form = form_values(theirs.get(case.url))

    saved = theirs.post(post_url, {**their_form, **case.theirs})
    assert saved.status_code == 302, _errors(saved)

    refused = mine.post(post_url, {**my_form, **case.mine})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Пока вы редактировали, эти сведения сохранил другой пользователь" in page
    assert case.shown in page
    # What the person typed is still in the form: nothing of theirs is lost either.
    again = form_values(refused)
    for key, value in case.mine.items():
        assert again[key] == value

    resaved = mine.post(post_url, again)
    assert resaved.status_code == 302, _errors(resaved)


def test_saving_a_form_nobody_else_touched_goes_through(world):  # noqa: F811
    case = _cases(world)["карточка программы"]
    person = login(Client(), case.users[0])
    form = form_values(person.get(case.url))
    assert person.post(case.url, {**form, **case.mine}).status_code == 302
    form = form_values(person.get(case.url))
    assert form["short_description"] == "Моё краткое описание"


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("seen", [None, "подделка", ""], ids=["missing", "forged", "empty"])
def test_a_save_without_a_readable_snapshot_is_refused_and_saves_nothing(
    world,  # noqa: F811
    name,
    seen,
):
    """A POST made without the form (a script, a form kept from before an update) or with a
    snapshot changed on the way: nobody can tell what its person saw, so nothing is saved."""
    case = _cases(world)[name]
    person = login(Client(), case.users[0])
    post_url = case.post_url or case.url
    form = form_values(person.get(case.url))
    field = next(key for key in form if key == "seen" or key.endswith("-seen"))
    data = {**form, **case.mine}
    if seen is None:
        del data[field]
    else:
        data[field] = seen

    refused = person.post(post_url, data)
    assert refused.status_code == 200, _errors(refused)
    assert "Форма устарела или повреждена: откройте её заново" in refused.content.decode()
    tokens = {field: "", "csrfmiddlewaretoken": ""}  # new for every page
    assert {**form_values(person.get(case.url)), **tokens} == {**form, **tokens}  # none saved


def _errors(response) -> str:
    """The form's complaints, for a failed assertion to show."""
    if response.status_code != 200:
        return str(response.status_code)
    text = response.content.decode()
    return " | ".join(
        re.findall(r"(?:invalid-feedback|alert-danger)[^>]*>([^<]+(?:<div>[^<]+)?)", text)
    )
