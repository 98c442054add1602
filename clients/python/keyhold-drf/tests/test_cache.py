"""IntrospectionCache on its own: how long it keeps an answer, how many, and by what key."""

import pickle
import unittest

from keyhold_drf.cache import IntrospectionCache

from support import FakeClock

ANSWER = {"active": True, "sub": "42", "email": "ada@example.com"}


class IntrospectionCacheTest(unittest.TestCase):

    def setUp(self):
        self.clock = FakeClock()

    def test_answer_is_kept_for_the_ttl_and_no_longer(self):
        cache = IntrospectionCache(ttl=30, max_entries=10, clock=self.clock)
        cache.put("token-a", ANSWER)

        self.clock.advance(29.9)
        self.assertEqual(cache.get("token-a"), ANSWER)
        self.clock.advance(0.1)
        self.assertIsNone(cache.get("token-a"))
        self.assertEqual(len(cache), 0)

    def test_when_full_the_entry_used_least_recently_goes_first(self):
        cache = IntrospectionCache(ttl=30, max_entries=2, clock=self.clock)
        cache.put("token-a", ANSWER)
        cache.put("token-b", ANSWER)
        cache.get("token-a")

        cache.put("token-c", ANSWER)

        self.assertEqual(len(cache), 2)
        self.assertIsNotNone(cache.get("token-a"))
        self.assertIsNone(cache.get("token-b"))
        self.assertIsNotNone(cache.get("token-c"))

    def test_zero_ttl_keeps_nothing(self):
        cache = IntrospectionCache(ttl=0, max_entries=10, clock=self.clock)

        cache.put("token-a", ANSWER)

        self.assertIsNone(cache.get("token-a"))

    def test_tokens_themselves_are_not_kept(self):
        token = "Q2hhbmdlIG1lIHRvIGEgcmVhbCB0b2tlbiBwbGVhc2Uh"
        cache = IntrospectionCache(ttl=30, max_entries=10, clock=self.clock)

        cache.put(token, ANSWER)

        # Everything the cache holds, keys included, as bytes.
        held = pickle.dumps(cache._entries)
        self.assertNotIn(token.encode(), held)
        self.assertEqual(cache.get(token), ANSWER)
