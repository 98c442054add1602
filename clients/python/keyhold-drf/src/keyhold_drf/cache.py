"""Keyhold's answers about live tokens, remembered for a few seconds."""

import hashlib
import threading
import time
from collections import OrderedDict


class IntrospectionCache:
    """What Keyhold said about live tokens, kept ``ttl`` seconds, at most ``max_entries`` of them.

    Entries are keyed by the SHA-256 of the token, so the process never holds a token longer than
    the request that carried it. Only live tokens are stored (``put`` is given only active
    answers): a flood of made-up tokens then costs Keyhold one indexed read each, and cannot push
    the live users' entries out. When full, the entry used least recently goes first.

    ``clock`` gives seconds that only go forward (``time.monotonic``); tests pass their own.
    """

    def __init__(self, ttl, max_entries, clock=time.monotonic):
        self.ttl = ttl
        self.max_entries = max_entries
        self.clock = clock
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, token):
        """The answer stored for ``token`` less than ``ttl`` seconds ago, or None."""
        key = _key(token)
        now = self.clock()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires_at, answer = entry
            if now >= expires_at:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return answer

    def put(self, token, answer):
        if self.ttl <= 0 or self.max_entries <= 0:
            return
        key = _key(token)
        expires_at = self.clock() + self.ttl
        with self._lock:
            self._entries[key] = (expires_at, answer)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self):
        with self._lock:
            return len(self._entries)


def _key(token):
    return hashlib.sha256(token.encode("utf-8")).digest()
