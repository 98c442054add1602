"""The process's one Introspector, built from the KEYHOLD setting on first use."""

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver

from .cache import IntrospectionCache
from .client import KeyholdClient
from .conf import KeyholdSettings


class Introspector:
    """Answers "is this token live, and whose is it?" from the cache, else from Keyhold."""

    def __init__(self, settings, client, cache):
        self.settings = settings
        self.client = client
        self.cache = cache

    @classmethod
    def from_settings(cls, settings):
        return cls(
            settings,
            KeyholdClient(settings.url, settings.client_id, settings.client_secret, settings.timeout),
            IntrospectionCache(settings.cache_ttl, settings.cache_max_entries),
        )

    def introspect(self, token):
        """Keyhold's answer for a live token (a fresh dict the caller may keep), None for any other.

        Raises KeyholdUnavailable when the answer is not cached and Keyhold cannot give it.
        """
        answer = self.cache.get(token)
        if answer is None:
            answer = self.client.introspect(token)
            if answer is not None:
                self.cache.put(token, answer)
        return None if answer is None else dict(answer)


_lock = threading.Lock()
_shared = None


def shared_introspector():
    """The Introspector every request of this process uses, so they share one cache."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Introspector.from_settings(KeyholdSettings.from_django())
        return _shared


@receiver(setting_changed)
def _forget_when_keyhold_setting_changes(setting, **kwargs):
    # override_settings(KEYHOLD=…) in a test, or any other change, starts from the new values
    # with an empty cache.
    global _shared
    if setting == "KEYHOLD":
        with _lock:
            _shared = None
