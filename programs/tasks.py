"""Celery tasks of the registry: each takes ids, calls a service, and is safe to run twice.

A task that a service queues is defined beside that service, so that the service need not
import this module (``services.moderation``: the moderation letters;
``services.coordinators``: coordinators' invitations; ``territory.services``: staff invitations;
``jobs``: the spreadsheet jobs and their watchdog; ``opendata``: the open data set, which beat
rebuilds every night and a visitor or an administrator may ask for at once). Importing them
here registers them in every worker, which reads this module at start-up."""

from . import jobs, opendata, services  # noqa: F401 (their tasks, registered)
from .territory import services as territory_services  # noqa: F401 (its task, registered)
