"""Requests counted per client address or per account, in the cache (django-ratelimit).

One helper for the hotline, the wish form, the password reset and the catalogue search. With
the cache away (Redis down) nothing can be counted: the request goes through
(``RATELIMIT_FAIL_OPEN``) rather than being refused for a reason that is not true, and the log
says which limit was not counted.
"""

import logging
import math

from django_ratelimit.core import get_usage

from . import russian

logger = logging.getLogger(__name__)


def seconds_to_wait(request, *, group: str, rate: str, account: str | None = None) -> int:
    """Count this request in ``group``: per client address (``moc_portal.core.client_ip``), or
    per ``account`` when given (an e-mail, compared in lower case). 0 while the count is
    within ``rate`` («5/h») or could not be kept; past it, the seconds until it starts over."""
    if account is None:
        key = "ip"
    else:
        value = account.strip().lower()

        def key(group, request):
            return value

    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is None:
        logger.warning("Limit %s not counted: the cache is unavailable", group)
        return 0
    if not usage["should_limit"]:
        return 0
    return max(usage["time_left"], 1)


def wait_text(seconds: int) -> str:
    """«через 40 секунд», «через 3 минуты», «через 1 час»: how long a refused person waits."""
    if seconds < 60:
        return f"через {russian.count(seconds, 'секунда', case='accs')}"
    if seconds < 3600:
        return f"через {russian.count(math.ceil(seconds / 60), 'минута', case='accs')}"
    return f"через {russian.count(math.ceil(seconds / 3600), 'час', case='accs')}"
