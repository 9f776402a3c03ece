from django.core.management.base import BaseCommand

from moc_portal.core import russian
from programs import opendata


class Command(BaseCommand):
    help = (
        "Собирает набор открытых данных (/opendata/) сейчас, не дожидаясь ночи: "
        "`make run` вызывает её после load_demo."
    )

    def handle(self, *args, **options):
        built = opendata.build()
        self.stdout.write(
            f"Набор открытых данных собран: {russian.count(built['rows'], 'программа')} "
            f"({built['file']})."
        )
