"""What happens in a contest that other parts of the centre's work follow.

``results_fixed`` is sent (``sender=Contest``, ``contest=``) once a contest's results are
fixed: the events register and the linked plan item take its participant counts from it.
"""

from django.dispatch import Signal

results_fixed = Signal()
