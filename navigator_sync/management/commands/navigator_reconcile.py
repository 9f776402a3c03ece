from django.core.management.base import BaseCommand, CommandError

from navigator_sync import outbox, reconciliation
from navigator_sync.client import NavigatorError


class Command(BaseCommand):
    help = (
        "Сверить опубликованные программы с тем, что перечисляет Навигатор, и поставить "
        "исправления в очередь; с --send сразу отправить их."
    )

    def add_arguments(self, parser):
        parser.add_argument("--send", action="store_true", help="отправить исправления сразу")

    def handle(self, *args, send=False, **options):
        try:
            report = reconciliation.navigator_reconcile()
        except NavigatorError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report.text())
        if send:
            self.stdout.write(outbox.drain_until_empty().text())
