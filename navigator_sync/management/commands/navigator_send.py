from django.core.management.base import BaseCommand, CommandError

from navigator_sync import outbox, selectors


class Command(BaseCommand):
    help = (
        "Отправить в Навигатор всё, что ждёт в очереди, не дожидаясь Celery; с --all сначала "
        "проверить все опубликованные программы (уйдут только изменившиеся)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="проверить все опубликованные")

    def handle(self, *args, all=False, **options):
        if all:
            outbox.programs_enqueue(selectors.published_program_ids())
        report = outbox.drain_until_empty()
        self.stdout.write(report.text())
        if report.stopped:
            raise CommandError(report.stopped)
