"""The KEYHOLD setting: a mistake in it is named at the first request, and the secret is not."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings
from keyhold_drf.conf import KeyholdSettings


class KeyholdSettingsTest(SimpleTestCase):

    def read(self, **changes):
        with override_settings(KEYHOLD={**settings.KEYHOLD, **changes}):
            return KeyholdSettings.from_django()

    def test_defaults_fill_what_is_not_set(self):
        with override_settings(KEYHOLD={"URL": "https://keyhold.example.com", "CLIENT_ID": "kh_a",
                                        "CLIENT_SECRET": "s3cret"}):
            read = KeyholdSettings.from_django()

        self.assertEqual((read.cache_ttl, read.cache_max_entries, read.timeout, read.realm, read.sub_field,
                          read.require_verified_email),
                         (30, 10_000, 5, "api", None, False))

    def test_mistakes_are_improperly_configured_and_say_which(self):
        mistakes = {
            "lacks CLIENT_SECRET": {"CLIENT_SECRET": ""},
            "unknown keys CACHE_TTLS": {"CACHE_TTLS": 5},
            "URL must be http(s)": {"URL": "keyhold:8000"},
            "SUB_FIELD names no field": {"SUB_FIELD": "keyhold_uuid"},
            "REQUIRE_VERIFIED_EMAIL must be True or False": {"REQUIRE_VERIFIED_EMAIL": "false"},
        }
        for message, changes in mistakes.items():
            with self.subTest(message), self.assertRaisesMessage(ImproperlyConfigured, message):
                self.read(**changes)

    def test_secret_is_not_in_the_settings_representation(self):
        read = self.read(CLIENT_SECRET="s3cret-never-printed")

        self.assertNotIn("s3cret-never-printed", repr(read))
        self.assertIn(read.client_id, repr(read))
