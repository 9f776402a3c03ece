"""Domain signals of the registry, sent after the transaction that caused them commits.

``navigator_sync`` and the catalogue cache listen to these; ``programs`` knows nothing of
who listens. Each is sent once per transaction with ``program_ids`` or ``organisation_ids``
(a list: an import publishes thousands at once).
"""

from django.dispatch import Signal

program_published = Signal()
program_changed = Signal()
program_archived = Signal()
organisation_changed = Signal()
