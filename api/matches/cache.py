"""Answers of `GET /v1/tasks/{id}/matches`, kept as response bytes, shared by a worker's
threads, least recently used forgotten first once they hold ``max_bytes``.

The key is everything the answer is computed from, so an answer is never stale and nothing
needs to be invalidated by hand: the task as matching sees it (its terms and weights, its
business's country, its type's unit: the whole ``TaskSpec``), the offers (the database's
identity and the offer change log's version, which every write to a service or vendor row
moves on, capacity reserved by an engagement and ratings included), the days the
time-zone overlap is computed for, the matching settings (weights, tolerance, exchange
rates), and the query's ``limit`` and ``min_score``. Who asks
does not enter: everyone allowed to see a task's matches sees the same answer.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable


class MatchCache:
    def __init__(self, *, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._entries.get(key)
            if body is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= len(old)
            self._entries[key] = body
            self.bytes += len(body)
            while self.bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._entries)
