"""An HTTP client for contract v1 (``contract/CONTRACT.md``).

Failures of a whole request come out as exceptions sorted the way the outbox treats them;
results of a batch come back per item, as the Navigator gave them.
"""

from collections.abc import Iterator

import orjson
import requests
from django.conf import settings

from moc_portal.core.errors import DomainError

BATCH_LIMIT = 200
LISTING_PAGE = 1000


class NavigatorError(DomainError):
    """A whole request failed. ``message`` is in Russian, for the staff page."""


class NavigatorUnavailable(NavigatorError):
    """Connection refused or broken, a time-out, or a 5xx: try again later."""


class NavigatorUnauthorized(NavigatorError):
    """401: the token is wrong or revoked. Nothing goes until a person changes it."""


class NavigatorRateLimited(NavigatorError):
    def __init__(self, message: str, retry_after: float):
        super().__init__(message)
        self.retry_after = retry_after


class NavigatorRejected(NavigatorError):
    """400 for the whole request: the request itself is wrong and repeating will not help."""


def _error_message(response) -> str:
    try:
        return response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return response.text[:200]


def _retry_after(response) -> float:
    try:
        return max(float(response.headers.get("Retry-After", "")), 0.0)
    except ValueError:
        return 60.0


class NavigatorClient:
    def __init__(self, base_url: str, token: str, timeout: float):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.token = token
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def from_settings(cls) -> "NavigatorClient | None":
        """None when no Navigator is configured (NAVIGATOR_URL empty)."""
        if not settings.NAVIGATOR_URL:
            return None
        return cls(settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN, settings.NAVIGATOR_TIMEOUT)

    def close(self) -> None:
        self.session.close()

    def _request(self, method: str, path: str, **kwargs):
        try:
            response = self.session.request(
                method, self.base_url + path, timeout=self.timeout, **kwargs
            )
        except requests.Timeout:
            raise NavigatorUnavailable(f"Навигатор не ответил за {self.timeout:g} с.") from None
        except requests.RequestException as error:
            raise NavigatorUnavailable(f"Навигатор недоступен: {type(error).__name__}.") from None
        if response.status_code == 401:
            raise NavigatorUnauthorized(
                "Навигатор отклонил токен (401: "
                f"{_error_message(response)}). Замените NAVIGATOR_TOKEN в настройках портала."
            )
        if response.status_code == 429:
            wait = _retry_after(response)
            raise NavigatorRateLimited(
                f"Навигатор просит подождать {wait:g} с (429).", retry_after=wait
            )
        if response.status_code >= 500:
            raise NavigatorUnavailable(
                f"Ошибка Навигатора {response.status_code}: {_error_message(response)}"
            )
        if response.status_code == 400:
            raise NavigatorRejected(f"Навигатор отклонил запрос: {_error_message(response)}")
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise NavigatorUnavailable(
                f"Навигатор ответил не JSON (код {response.status_code})."
            ) from None

    def batch(self, items: list[tuple[str, dict]]) -> list[dict]:
        """Upserts and withdrawals, up to 200; a result per item, in the same order."""
        body = {"items": [{"kind": kind, "payload": payload} for kind, payload in items]}
        answer = self._request(
            "POST",
            "/api/v1/batch",
            data=orjson.dumps(body),
            headers={"Content-Type": "application/json"},
        )
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(items):
            raise NavigatorUnavailable("Навигатор вернул неполный ответ на пакет.")
        return results

    def programs(self) -> Iterator[dict]:
        """Everything the Navigator holds, page by page: uuid, id, hash, isDeleted."""
        offset = 0
        while True:
            page = self._request(
                "GET", "/api/v1/programs", params={"offset": offset, "limit": LISTING_PAGE}
            )
            items = page.get("items", [])
            yield from items
            offset += len(items)
            if not items or offset >= page.get("count", 0):
                return
