"""The stand-in regional Navigator: contract v1 served strictly, for development, tests, demos
and benchmarks.

    python -m navigator_sync.standin --port 8089 --token dev-token --db navigator-standin.sqlite3

It validates every request against the contract's JSON Schemas (422 with field errors), keeps
what it got in SQLite (so it survives a restart), answers ids and public programme URLs,
lists what it holds, and can be told over ``/_control`` to fail a share of requests with 500
(before or after storing), to time out, to answer slowly after storing, to answer 429 with
Retry-After, or 401. It runs without Django: the standard library, ``jsonschema`` and
``jsonschema-rs`` for validation, ``orjson`` for JSON.
"""

import argparse
import contextlib
import html
import random
import re
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import orjson

from navigator_sync.mapping import content_hash
from navigator_sync.schema import field_errors

BATCH_LIMIT = 200


WEEKDAYS = {1: "Пн", 2: "Вт", 3: "Ср", 4: "Чт", 5: "Пт", 6: "Сб", 7: "Вс"}


def program_html(payload: dict) -> str:
    """The programme's page in the Navigator, where a parent enrols: what a demo shows in place
    of the regional Navigator's own page (its title, groups, and what happens there)."""
    esc = html.escape
    groups = []
    for group in payload.get("groups", []):
        schedule = "; ".join(
            f"{', '.join(WEEKDAYS.get(d, str(d)) for d in slot['weekDays'])} "
            f"{slot['timeStart']}–{slot['timeEnd']}"
            for slot in group.get("schedule", [])
        )
        free = group.get("freePlaces")
        groups.append(
            f"<li><strong>{esc(group['name'])}</strong>, {group['ageFrom']}–{group['ageTo']} "
            f"лет, педагог {esc(group['teacher'])}<br>{esc(schedule or 'расписание уточняется')}"
            f"<br>мест: {group['places']}"
            + (f", свободно: {free}" if free is not None else "")
            + "</li>"
        )
    return (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(payload['name'])} — Навигатор (демонстрация)</title></head>"
        '<body style="font-family: sans-serif; max-width: 40rem; margin: 1rem auto; '
        'padding: 0 1rem">'
        '<p id="standin-note" style="background: #fff3cd; padding: .5rem">Это демонстрационная '
        "замена регионального Навигатора дополнительного образования. В настоящем Навигаторе "
        "здесь родитель входит через Госуслуги, выбирает группу и подаёт заявку на запись; "
        "по сертификату — с его номером.</p>"
        f"<h1>{esc(payload['name'])}</h1>"
        f"<p>{esc(payload.get('announce', ''))}</p>"
        f"<p>Возраст: {payload['minAge']}–{payload['maxAge']} лет</p>"
        f"<h2>Группы</h2><ul>{''.join(groups) or '<li>Групп нет</li>'}</ul>"
        '<p><button type="button" disabled>Подать заявку</button></p>'
        "</body></html>"
    )


class Store:
    """What the Navigator holds, in SQLite: one row per organisation and programme uuid.

    ``versions`` counts how many different contents a uuid was given: a retried or repeated
    request with the same content adds none, so a sync that sends a programme "exactly once"
    leaves 1.
    """

    def __init__(self, path: str):
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.lock = threading.Lock()
        for table, extra in (("organisations", ""), ("programs", ", org_uuid TEXT")):
            self.db.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, "
                "ts INTEGER, hash TEXT, payload TEXT, is_deleted INTEGER DEFAULT 0, "
                f"versions INTEGER DEFAULT 0{extra})"
            )

    def reset(self) -> None:
        with self.lock:
            self.db.execute("DELETE FROM organisations")
            self.db.execute("DELETE FROM programs")

    def apply(self, items: list[tuple[str, dict]], public_url: str) -> list[dict]:
        """Upsert valid payloads in one transaction; a result per item, in order."""
        with self.lock:
            self.db.execute("BEGIN")
            try:
                results = [self._apply_one(kind, payload, public_url) for kind, payload in items]
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return results

    def _apply_one(self, kind: str, payload: dict, public_url: str) -> dict:
        uuid = payload.get("uuid") if isinstance(payload, dict) else None
        errors = field_errors(kind, payload)
        if errors:
            return _error_result(
                uuid, 422, "validation_failed", "Данные не прошли проверку.", errors
            )
        table = "organisations" if kind == "organisation" else "programs"
        if kind == "program" and not payload["isDeleted"]:
            known = self.db.execute(
                "SELECT 1 FROM organisations WHERE uuid = ?", (payload["organisationUuid"],)
            ).fetchone()
            if not known:
                return _error_result(
                    uuid, 409, "unknown_organisation", "Организация программы ещё не передана."
                )
        row = self.db.execute(
            f"SELECT id, ts, hash FROM {table} WHERE uuid = ?", (uuid,)
        ).fetchone()
        digest = content_hash(payload)
        status = 200
        if row is None:
            if payload["isDeleted"]:
                return _error_result(uuid, 404, "not_found", "Такой программы нет в Навигаторе.")
            cursor = self.db.execute(
                f"INSERT INTO {table} (uuid, ts, hash, payload, versions"
                + (", org_uuid" if kind == "program" else "")
                + ") VALUES (?, ?, ?, ?, 1"
                + (", ?" if kind == "program" else "")
                + ")",
                (uuid, payload["lastmodifiedTs"], digest, orjson.dumps(payload).decode())
                + ((payload["organisationUuid"],) if kind == "program" else ()),
            )
            pk, status = cursor.lastrowid, 201
        else:
            pk, ts, stored = row
            if payload["lastmodifiedTs"] >= ts and digest != stored:
                self.db.execute(
                    f"UPDATE {table} SET ts = ?, hash = ?, payload = ?, is_deleted = ?, "
                    "versions = versions + 1 WHERE id = ?",
                    (
                        payload["lastmodifiedTs"],
                        digest,
                        orjson.dumps(payload).decode(),
                        int(payload["isDeleted"]),
                        pk,
                    ),
                )
        prefix = "organisations" if kind == "organisation" else "programs"
        return {
            "uuid": uuid,
            "status": status,
            "id": str(pk),
            "url": f"{public_url}/{prefix}/{pk}",
        }

    def programs(self, offset: int, limit: int) -> dict:
        with self.lock:
            count = self.db.execute("SELECT COUNT(*) FROM programs").fetchone()[0]
            rows = self.db.execute(
                "SELECT id, uuid, ts, hash, is_deleted FROM programs ORDER BY id LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return {
            "count": count,
            "items": [
                {"id": str(pk), "uuid": u, "lastmodifiedTs": ts, "hash": h, "isDeleted": bool(d)}
                for pk, u, ts, h, d in rows
            ],
        }

    def program_page(self, pk: int):
        with self.lock:
            row = self.db.execute(
                "SELECT payload, is_deleted FROM programs WHERE id = ?", (pk,)
            ).fetchone()
        return None if row is None or row[1] else orjson.loads(row[0])

    def stats(self) -> dict:
        with self.lock:
            numbers = {}
            for table in ("organisations", "programs"):
                count, deleted, most, total = self.db.execute(
                    f"SELECT COUNT(*), COALESCE(SUM(is_deleted), 0), COALESCE(MAX(versions), 0), "
                    f"COALESCE(SUM(versions), 0) FROM {table}"
                ).fetchone()
                numbers[table] = {
                    "count": count,
                    "deleted": deleted,
                    "versions_max": most,
                    "versions_total": total,
                }
            return numbers


def _error_result(uuid, status, code, message, fields=None) -> dict:
    error = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"uuid": uuid, "status": status, "error": error}


class Faults:
    """What the stand-in has been told to do wrong, and what it has answered so far."""

    def __init__(self):
        self.lock = threading.Lock()
        self.random = random.Random()
        self.reset()

    def reset(self) -> None:
        self.settings = {
            "fail_rate": 0.0,  # share of API requests answered 500
            "fail_after_store": 0.5,  # of those, the share that stored the data first
            "timeout_rate": 0.0,  # share of API requests that hang for timeout_seconds
            "timeout_seconds": 30.0,
            "rate_limited_requests": 0,  # the next N API requests get 429
            "retry_after": 1,
            "unauthorized": False,  # every API request gets 401
            "slow_seconds": 0.0,  # stored, then the answer waits this long
            "seed": None,  # a number makes the faults repeat request by request
        }
        self.requests = 0
        self.by_status: dict[str, int] = {}
        self.log: list[tuple[float, int]] = []  # (time.time(), status) of every API answer

    def update(self, changes: dict) -> dict:
        with self.lock:
            unknown = set(changes) - set(self.settings)
            if unknown:
                raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
            self.settings.update(changes)
            if "seed" in changes:
                self.random.seed(changes["seed"])
            return dict(self.settings)

    def count(self, status: int) -> None:
        with self.lock:
            self.by_status[str(status)] = self.by_status.get(str(status), 0) + 1
            self.log.append((time.time(), status))

    def decide(self) -> str:
        """For the next API request: ``ok``, ``401``, ``429``, ``timeout``, ``500-before``
        or ``500-after``."""
        with self.lock:
            self.requests += 1
            s = self.settings
            if s["unauthorized"]:
                return "401"
            if s["rate_limited_requests"] > 0:
                s["rate_limited_requests"] -= 1
                return "429"
            roll = self.random.random()
            if roll < s["timeout_rate"]:
                return "timeout"
            if roll < s["timeout_rate"] + s["fail_rate"]:
                after = self.random.random() < s["fail_after_store"]
                return "500-after" if after else "500-before"
            return "ok"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "StandinServer"

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    # --- plumbing ---

    def _send(self, status: int, body, headers: dict | None = None) -> None:
        data = orjson.dumps(body) if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, str(value))
        self.end_headers()
        self.wfile.write(data)
        if self.path.startswith("/api/"):
            self.server.faults.count(status)

    def _send_html(self, status: int, page: str) -> None:
        data = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, code: str, message: str, headers=None, fields=None) -> None:
        error = {"code": code, "message": message}
        if fields:
            error["fields"] = fields
        self._send(status, {"error": error}, headers)

    def _json(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return orjson.loads(raw or b"null")
        except orjson.JSONDecodeError:
            return ValueError

    # --- routes ---

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/_control":
            return self._send(200, self.server.faults.settings)
        if url.path == "/_control/stats":
            faults = self.server.faults
            return self._send(
                200,
                {
                    "requests": faults.requests,
                    "by_status": faults.by_status,
                    "log": faults.log[-1000:],
                    **self.server.store.stats(),
                },
            )
        match = re.fullmatch(r"/programs/(\d+)", url.path)
        if match:
            payload = self.server.store.program_page(int(match[1]))
            if payload is None:
                return self._error(404, "not_found", "Программа не найдена.")
            if "application/json" in self.headers.get("Accept", ""):
                return self._send(200, payload)
            return self._send_html(200, program_html(payload))
        if url.path == "/api/v1/programs":
            if not self._api_allowed():
                return None
            query = parse_qs(url.query)
            offset = int(query.get("offset", ["0"])[0])
            limit = min(int(query.get("limit", ["1000"])[0]), 5000)
            return self._send(200, self.server.store.programs(offset, limit))
        return self._error(404, "not_found", "Нет такого адреса.")

    def do_PUT(self):
        match = re.fullmatch(r"/api/v1/(organisations|programs)/([0-9a-f-]{36})", self.path)
        if not match:
            return self._error(404, "not_found", "Нет такого адреса.")
        payload = self._json()
        if not self._api_allowed(payload):
            return None
        kind = "organisation" if match[1] == "organisations" else "program"
        if isinstance(payload, dict) and payload.get("uuid") != match[2]:
            return self._error(
                422,
                "validation_failed",
                "uuid в адресе и в теле различаются.",
                fields=[{"field": "uuid", "message": "не совпадает с адресом"}],
            )
        (result,) = self._apply([(kind, payload)])
        if result is None:
            return None
        if "error" in result:
            return self._send(result["status"], {"error": result["error"]})
        return self._send(result["status"], result)

    def do_POST(self):
        if self.path == "/_control":
            body = self._json()
            try:
                return self._send(200, self.server.faults.update(body or {}))
            except (ValueError, TypeError, AttributeError) as error:
                return self._error(400, "bad_request", str(error))
        if self.path == "/_control/reset":
            self.server.faults.reset()
            self.server.store.reset()
            return self._send(200, {"reset": True})
        if self.path != "/api/v1/batch":
            return self._error(404, "not_found", "Нет такого адреса.")
        body = self._json()
        if not self._api_allowed(body):
            return None
        items = body.get("items") if isinstance(body, dict) else None
        if not isinstance(items, list) or not 0 < len(items) <= BATCH_LIMIT:
            return self._error(
                400, "bad_request", f"Ожидается {{'items': [...]}} от 1 до {BATCH_LIMIT} элементов."
            )
        pairs = []
        for item in items:
            kind = item.get("kind") if isinstance(item, dict) else None
            if kind not in ("organisation", "program"):
                return self._error(400, "bad_request", "kind: organisation или program.")
            pairs.append((kind, item.get("payload")))
        results = self._apply(pairs)
        if results is not None:
            self._send(200, {"results": results})
        return None

    def _api_allowed(self, body=None) -> bool:
        """Token, then the faults the stand-in was told to produce. False when answered."""
        if body is ValueError:
            self._error(400, "bad_request", "Тело запроса — не JSON.")
            return False
        if self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self._error(401, "unauthorized", "Неверный или отсутствующий токен.")
            return False
        self.fate = self.server.faults.decide()
        if self.fate == "401":
            self._error(401, "unauthorized", "Токен отозван.")
            return False
        if self.fate == "429":
            retry = self.server.faults.settings["retry_after"]
            self._error(429, "rate_limited", "Слишком много запросов.", {"Retry-After": retry})
            return False
        if self.fate == "timeout":
            time.sleep(self.server.faults.settings["timeout_seconds"])
            self.close_connection = True
            return False
        if self.fate == "500-before":
            self._error(500, "server_error", "Внутренняя ошибка (подстроенная).")
            return False
        return True

    def _apply(self, pairs):
        results = self.server.store.apply(pairs, self.server.public_url)
        time.sleep(self.server.faults.settings["slow_seconds"])
        if self.fate == "500-after":  # stored, but the client never learns it
            self._error(500, "server_error", "Внутренняя ошибка после записи (подстроенная).")
            return None
        return results


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, *, token: str, db: str, public_url: str = "", verbose=False):
        super().__init__(address, Handler)
        self.token = token
        self.store = Store(db)
        self.faults = Faults()
        self.public_url = public_url or f"http://{address[0]}:{self.server_address[1]}"
        self.verbose = verbose


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Стенд регионального Навигатора (контракт v1)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    parser.add_argument("--token", default="dev-token")
    parser.add_argument("--db", default="navigator-standin.sqlite3")
    parser.add_argument("--public-url", default="")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    server = StandinServer(
        (args.host, args.port),
        token=args.token,
        db=args.db,
        public_url=args.public_url,
        verbose=args.verbose,
    )
    print(f"Стенд Навигатора: http://{args.host}:{server.server_address[1]}/ (база {args.db})")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
