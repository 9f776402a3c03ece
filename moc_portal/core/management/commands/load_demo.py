from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from moc_portal.users.models import User
from plans.demo import demo_plans_load
from plans.portal.demo import demo_portal_load
from programs.assessment.demo import demo_assessment_load
from programs.demo import DEMO_PASSWORD, OKTMO, demo_load
from programs.models import Municipality
from reports.demo import demo_monitoring_load


class Command(BaseCommand):
    help = "Загружает демо-данные (Задонский район по отчёту МОЦ за 2022–2023 уч. год)."

    def handle(self, *args, **options):
        if Municipality.objects.filter(oktmo=OKTMO).exists():
            self.stdout.write("Демо-данные уже загружены.")
        else:
            # The demo's moderation steps are not news to anyone: no e-mails for them.
            quiet = override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
            with quiet, transaction.atomic():
                demo_load(stdout=self.stdout)
                demo_assessment_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                    password=DEMO_PASSWORD,
                )
                demo_monitoring_load(
                    staff=User.objects.get(username="moc"),
                    municipality=Municipality.objects.get(oktmo=OKTMO),
                )
                demo_plans_load(
                    staff=User.objects.get(username="moc"),
                    administrator=User.objects.get(username="admin"),
                    home=Municipality.objects.get(oktmo=OKTMO),
                )
                demo_portal_load(
                    staff=User.objects.get(username="moc"),
                    administrator=User.objects.get(username="admin"),
                    home=Municipality.objects.get(oktmo=OKTMO),
                )
        self.stdout.write(
            "\nУчётные записи для локальной работы (пароль у всех: "
            f"{DEMO_PASSWORD}):\n"
            "  admin        — администратор\n"
            "  moc          — сотрудник МОЦ Задонского района\n"
            "  koordinator  — координатор МБОУ СШ № 1 г. Задонска\n"
            "  ekspert      — эксперт (ещё ekspert2, ekspert3)\n"
        )
