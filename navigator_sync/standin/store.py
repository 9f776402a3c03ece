"""What the stand-in Navigator holds, in SQLite, and how it takes an upsert."""

import sqlite3
import threading

import orjson

from navigator_sync.mapping import content_hash
from navigator_sync.schema import field_errors


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
            return error_result(
                uuid, 422, "validation_failed", "Данные не прошли проверку.", errors
            )
        table = "organisations" if kind == "organisation" else "programs"
        if kind == "program" and not payload["isDeleted"]:
            known = self.db.execute(
                "SELECT 1 FROM organisations WHERE uuid = ?", (payload["organisationUuid"],)
            ).fetchone()
            if not known:
                return error_result(
                    uuid, 409, "unknown_organisation", "Организация программы ещё не передана."
                )
        row = self.db.execute(
            f"SELECT id, ts, hash FROM {table} WHERE uuid = ?", (uuid,)
        ).fetchone()
        digest = content_hash(payload)
        status = 200
        if row is None:
            if payload["isDeleted"]:
                return error_result(uuid, 404, "not_found", "Такой программы нет в Навигаторе.")
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


def error_result(uuid, status, code, message, fields=None) -> dict:
    error = {"code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"uuid": uuid, "status": status, "error": error}
