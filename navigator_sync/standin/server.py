"""The stand-in Navigator's HTTP server: the contract's API, its pages and ``/_control``."""

import argparse
import contextlib
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import orjson

from .faults import Faults
from .pages import program_html
from .store import Store

BATCH_LIMIT = 200


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
