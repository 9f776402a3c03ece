"""The faults the stand-in Navigator can be told to show (``/_control``)."""

import random
import threading
import time


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
