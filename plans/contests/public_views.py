"""The public contests page: announcements of public contests with their regulation, dates,
nominations and categories; the results once fixed, shown by ``publicity`` (never a child's
full name); the RSS feed and the iCalendar of application deadlines and results dates."""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from moc_portal.context_processors import show_municipality
from moc_portal.querystring import query_without
from programs.models import Municipality
from programs.territory.centres import centre_of

from . import publicity
from .models import Contest, Entry, EntryState, Participant, Placement

RESULTS_PER_PAGE = 20
PRIZES = [Placement.WINNER, Placement.SECOND, Placement.THIRD]
# How long after its deadline a contest's dates stay in the calendar and the feed.
CALENDAR_PAST_DAYS = 120


def public_contests():
    return Contest.objects.filter(is_public=True).select_related("municipality")


def of_municipality(request, contests):
    """``?m=<slug>``: the municipality's own contests and the region-wide ones, as the
    catalogue shows the region's programmes beside the municipality's."""
    slug = request.GET.get("m")
    if not slug:
        return contests, None
    municipality = get_object_or_404(Municipality, slug=slug)
    show_municipality(request, municipality)
    return contests.filter(Q(municipality=municipality) | Q(municipality=None)), municipality


def _public_contest(request, pk) -> Contest:
    contest = get_object_or_404(public_contests(), pk=pk)
    if contest.municipality:
        show_municipality(request, contest.municipality)
    return contest


def contest_list(request):
    contests, municipality = of_municipality(request, public_contests())
    announced = contests.filter(results_fixed_at=None).order_by("applications_to", "pk")
    finished = contests.exclude(results_fixed_at=None).order_by("-results_fixed_at", "pk")
    return render(
        request,
        "contests/public/list.html",
        {
            "announced": announced.prefetch_related("nominations", "age_categories"),
            "page": Paginator(finished, RESULTS_PER_PAGE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "municipality": municipality,
            "today": timezone.localdate(),
        },
    )


def prize_groups(contest: Contest) -> list[dict]:
    """Winners and prize-winners of a fixed contest per nomination and age category, each
    shown by the publicity rule."""
    entries = (
        Entry.objects.filter(contest=contest, state=EntryState.ADMITTED, placement__in=PRIZES)
        .select_related("organisation", "nomination", "age_category")
        .prefetch_related(Prefetch("participants", queryset=Participant.objects.order_by("pk")))
        .order_by("nomination__position", "nomination_id", "age_category__position", "rank", "pk")
    )
    order = {placement: index for index, placement in enumerate(PRIZES)}
    groups: dict = {}
    for entry in entries:
        key = (entry.nomination_id, entry.age_category_id)
        group = groups.setdefault(
            key, {"nomination": entry.nomination, "category": entry.age_category, "rows": []}
        )
        group["rows"].append(publicity.public_entry(entry))
    for group in groups.values():
        group["rows"].sort(key=lambda row: order[row["placement"]])
    return list(groups.values())


def contest_detail(request, pk):
    contest = _public_contest(request, pk)
    fixed = contest.results_fixed_at is not None
    return render(
        request,
        "contests/public/detail.html",
        {
            "contest": contest,
            "nominations": contest.nominations.all(),
            "categories": contest.age_categories.all(),
            "groups": prize_groups(contest) if fixed else [],
            "fixed": fixed,
            "today": timezone.localdate(),
        },
    )


def contest_regulation(request, pk):
    contest = _public_contest(request, pk)
    if not contest.regulation:
        raise Http404("У конкурса нет положения.")
    try:
        handle = contest.regulation.open("rb")
    except FileNotFoundError as error:
        raise Http404("Файл положения не найден.") from error
    extension = contest.regulation.name.rsplit(".", 1)[-1].lower()
    name = f"Положение — {contest.title[:100]}.{extension}".replace("/", "-")
    return FileResponse(handle, as_attachment=False, filename=name)


# --- the feed and the calendar -----------------------------------------------------------------


def calendar_contests():
    since = timezone.localdate() - timedelta(days=CALENDAR_PAST_DAYS)
    return public_contests().filter(Q(applications_to__gte=since) | Q(results_on__gte=since))


class ContestFeed(Feed):
    """RSS 2.0 of the public contests: what they are, until when applications are taken and
    when the results are, newest first."""

    feed_type = Rss201rev2Feed
    description = "Конкурсы для детей и педагогов: приём заявок и итоги"
    language = "ru"

    def title(self):
        return f"Конкурсы — {centre_of(None).full_name}"

    def link(self):
        return reverse("contests_public:list")

    def items(self):
        return public_contests().order_by("-applications_from", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return contest_dates_text(item)

    def item_link(self, item):
        return reverse("contests_public:detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.created_at

    def item_guid(self, item):
        return f"{settings.SITE_URL}{self.item_link(item)}"

    item_guid_is_permalink = True


def contest_dates_text(contest: Contest) -> str:
    return (
        f"Приём заявок с {contest.applications_from:%d.%m.%Y} по "
        f"{contest.applications_to:%d.%m.%Y}; итоги {contest.results_on:%d.%m.%Y}."
    )


def _ics_text(value: str) -> str:
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(char, escaped)
    return value


def ics_calendar(contests) -> str:
    """An iCalendar (RFC 5545) of all-day events: each contest's application deadline and its
    results date."""
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    host = settings.SITE_URL.split("//")[-1].strip("/") or "moc"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//МОЦ//Конкурсы//RU", "CALSCALE:GREGORIAN"]
    for contest in contests:
        url = f"{settings.SITE_URL}{reverse('contests_public:detail', args=[contest.pk])}"
        for kind, day, summary in (
            ("deadline", contest.applications_to, "Последний день приёма заявок"),
            ("results", contest.results_on, "Подведение итогов"),
        ):
            lines += [
                "BEGIN:VEVENT",
                f"UID:contest-{contest.pk}-{kind}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{_ics_text(f'{summary}: {contest.title}')}",
                f"DESCRIPTION:{_ics_text(contest_dates_text(contest))}",
                f"URL:{url}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) for line in lines)


def _folded(line: str, limit: int = 75) -> str:
    """A content line folded at 75 octets (RFC 5545 §3.1), never inside a character."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = " "
        current += char
    parts.append(current)
    return "\r\n".join(parts) + "\r\n"


def contest_calendar(request):
    contests, _ = of_municipality(request, calendar_contests())
    response = HttpResponse(ics_calendar(contests), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="konkursy.ics"'
    return response
