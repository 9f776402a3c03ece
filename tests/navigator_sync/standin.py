"""The stand-in Navigator for tests: in a thread of the test process, or as its own process
(the one command a developer runs), on a free loopback port."""

import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import requests

from navigator_sync.standin import StandinServer

TOKEN = "test-token"


@contextmanager
def standin_thread(tmp_path):
    server = StandinServer(("127.0.0.1", 0), token=TOKEN, db=str(tmp_path / "navigator.sqlite3"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StandinProcess:
    """``python -m navigator_sync.standin`` as a developer starts it; stop and start again to
    take the Navigator down for a while (its data is kept in SQLite)."""

    def __init__(self, tmp_path, port=None):
        self.port = port or free_port()
        self.db = tmp_path / "navigator.sqlite3"
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "navigator_sync.standin",
                "--port",
                str(self.port),
                "--token",
                TOKEN,
                "--db",
                str(self.db),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/_control", timeout=1)
                return self
            except requests.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("Стенд Навигатора не запустился за 10 с")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def control(self, **settings):
        return requests.post(f"{self.url}/_control", json=settings, timeout=5).json()

    def stats(self):
        return requests.get(f"{self.url}/_control/stats", timeout=5).json()
