import secrets
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings

from moc_portal.celery import app as celery_app
from moc_portal.demo.assessment import demo_assessment_load
from moc_portal.demo.contests import demo_contests_load
from moc_portal.demo.people import demo_centres_load
from moc_portal.demo.plans import demo_plans_load
from moc_portal.demo.plans_data import ZADONSK_2022
from moc_portal.demo.portal import demo_portal_load
from moc_portal.demo.registry import demo_load
from moc_portal.demo.registry_data import DEMO_PASSWORD, OKTMO
from moc_portal.demo.reports import (
    demo_monitoring_load,
    demo_territory_load,
    demo_yearly_report_load,
)
from moc_portal.demo.staffing import demo_staffing_load
from moc_portal.users.models import User
from programs import opendata
from programs.models import Municipality

DEMO_ACCOUNTS = [
    ("admin", "администратор (и Django admin)"),
    ("regional", "региональный администратор (РМЦ): все муниципалитеты"),
    ("moc", "сотрудник МОЦ Задонского района"),
    ("koordinator", "координатор МБОУ СШ № 1 г. Задонска"),
    ("ekspert", "эксперт"),
    ("ekspert2", "эксперт"),
    ("ekspert3", "эксперт"),
]
REFUSED = (
    "Демо-данные не загружаются в рабочую установку: они создают администратора и сотрудников "
    "с известными паролями. Первого администратора создайте командой "
    "«python manage.py createsuperuser». Для демонстрационного стенда запустите "
    "«python manage.py load_demo --demo-stand»: пароли будут случайными и показаны один раз."
)


@contextmanager
def _no_letters():
    """The demo's moderation steps and hotline answers are news to nobody, and its addresses
    may be real people's: no letter leaves. The tasks that would send them run here, for the
    time of the load (their queuing after commit included), with a backend that drops every
    letter; none reaches a worker, whose settings send real mail."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            yield
    finally:
        celery_app.conf.task_always_eager = eager


class Command(BaseCommand):
    help = "Загружает демо-данные (Задонский район по отчёту МОЦ за 2022–2023 уч. год)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-stand",
            action="store_true",
            help="Демонстрационный стенд с рабочими настройками: случайные пароли, показаны один "
            "раз.",
        )

    def handle(self, *args, **options):
        stand = options["demo_stand"]
        if not settings.MOC_DEMO_ALLOWED and not stand:
            raise CommandError(REFUSED)
        if Municipality.objects.filter(oktmo=OKTMO).exists():
            self.stdout.write("Демо-данные уже загружены.")
        else:
            with _no_letters(), transaction.atomic():
                demo_load(stdout=self.stdout)
                demo_centres_load()
                demo_assessment_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                    password=DEMO_PASSWORD,
                )
                demo_monitoring_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                )
                plans = demo_plans_load(
                    staff=User.objects.get(username="moc"),
                    administrator=User.objects.get(username="admin"),
                    home=Municipality.objects.get(oktmo=OKTMO),
                )
                demo_staffing_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                    plan=next(p for p in plans if p.title == ZADONSK_2022["title"]),
                )
                demo_yearly_report_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                    plan=next(p for p in plans if p.title == ZADONSK_2022["title"]),
                )
                demo_portal_load(
                    staff=User.objects.get(username="moc"),
                    administrator=User.objects.get(username="admin"),
                    home=Municipality.objects.get(oktmo=OKTMO),
                )
                demo_territory_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                )
                demo_contests_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                )
                opendata.build()  # the nightly open data set, there from the first day
        if stand:
            self._random_passwords()
        else:
            self.stdout.write(
                f"\nУчётные записи для локальной работы (пароль у всех: {DEMO_PASSWORD}):"
            )
            for username, who in DEMO_ACCOUNTS:
                self.stdout.write(f"  {username:<12} — {who}")

    def _random_passwords(self) -> None:
        """Every demo account gets a password of its own, shown here once and stored nowhere."""
        self.stdout.write("\nУчётные записи стенда (запишите пароли: они показаны один раз):")
        for username, who in DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                continue
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"  {username:<12} {password}  — {who}")
