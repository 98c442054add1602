"""same_address: a Django user's address is a Keyhold account's by Keyhold's rule, which tells apart
letters a database's case-insensitive match, or Python's own case folding, takes for one another."""

import unittest

from keyhold_drf.users import same_address


class SameAddressTest(unittest.TestCase):

    def test_spellings_differing_only_in_the_case_of_ascii_letters_are_one_address(self):
        for stored, keyhold in [
            ("boss@bigcorp.io", "boss@bigcorp.io"),
            ("Boss@BigCorp.IO", "boss@bigcorp.io"),
            ("boss@bigcorp.io", "BOSS@bigcorp.io"),
            ("Grace.Hopper@bücher.de", "grace.hopper@bücher.de"),
            ("boss@bigcorp.ıo", "BOSS@bigcorp.ıo"),
        ]:
            with self.subTest(stored=stored, keyhold=keyhold):
                self.assertTrue(same_address(stored, keyhold))

    def test_look_alike_letters_make_another_address_either_way_round(self):
        # Each pair is one under some database's or Python's case-insensitive comparison:
        # PostgreSQL's UPPER() makes ı and ſ an I and an S, str.lower() makes the Kelvin sign a k,
        # str.casefold() makes ß ss, MySQL's _ci collations ignore accents and width. The first
        # four are two Keyhold accounts each; the others a Django user may hold, though IDNA keeps
        # them out of Keyhold's answers, and none is an ASCII letter's other case.
        for look_alike, address in [
            ("boss@bigcorp.ıo", "boss@bigcorp.io"),  # dotless i, U+0131
            ("boss@bígcorp.io", "boss@bigcorp.io"),
            ("boss@bİgcorp.io", "boss@bigcorp.io"),  # capital I with a dot, U+0130
            ("boss@straße.de", "boss@strasse.de"),
            ("boss@\u212aeyhold.io", "boss@keyhold.io"),  # Kelvin sign
            ("boss@\u212aEYHOLD.IO", "boss@keyhold.io"),
            ("boſs@bigcorp.io", "boss@bigcorp.io"),  # long s, U+017F
            ("boss@ｂigcorp.io", "boss@bigcorp.io"),  # fullwidth b
        ]:
            for stored, keyhold in [(look_alike, address), (address, look_alike)]:
                with self.subTest(stored=stored, keyhold=keyhold):
                    self.assertFalse(same_address(stored, keyhold))
