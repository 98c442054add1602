"""KeyholdAuthentication in a Django REST Framework project, against a live Keyhold."""

import json
import os
import secrets
import time
from unittest import mock

from django.contrib.auth import get_user_model
from keyhold_drf import users
from keyhold_drf.client import KeyholdClient

from support import StandInServer, KeyholdTestCase, SilentServer, closed_port

User = get_user_model()


class LiveTokens(KeyholdTestCase):

    def test_live_token_with_bearer_or_token_keyword_authenticates_the_keyhold_user(self):
        account = self.new_account()

        for keyword in ("Bearer", "Token", "bearer"):
            with self.subTest(keyword=keyword):
                answer = self.whoami(account.token, keyword)

                self.assertEqual(answer.status_code, 200, answer.content)
                self.assertEqual(answer.json()["email"], account.email)
                self.assertFalse(answer.json()["is_staff"])
                self.assertEqual(answer.json()["keyhold_sub"], str(account.id))

    def test_django_user_is_created_once_with_an_unusable_password(self):
        account = self.new_account()

        first = self.whoami(account.token, "Bearer")
        second = self.whoami(account.token, "Token")

        self.assertEqual(first.json()["id"], second.json()["id"])
        users = User._default_manager.filter(**{User.USERNAME_FIELD + "__iexact": account.email})
        self.assertEqual(users.count(), 1)
        self.assertFalse(users.get().has_usable_password())

    def test_user_made_by_a_concurrent_first_request_is_used_not_duplicated(self):
        account = self.new_account()
        made_meanwhile = User._default_manager.create(
            **{User.USERNAME_FIELD: account.email, User.get_email_field_name(): account.email})
        lookups = []

        def lookup_made_before_the_other_request_saved(*arguments):
            lookups.append(arguments)
            return None if len(lookups) == 1 else find(*arguments)

        find = users._find
        with mock.patch.object(users, "_find", lookup_made_before_the_other_request_saved):
            answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["id"], made_meanwhile.pk)
        self.assertEqual(User._default_manager.count(), 1)

    def test_existing_django_user_is_found_by_email_without_regard_to_case(self):
        account = self.new_account(self.keyhold.unique_email("Grace.Hopper"))
        self.assertNotEqual(account.email, account.email.lower())
        existing = User._default_manager.create(
            **{User.USERNAME_FIELD: account.email.lower(), User.get_email_field_name(): account.email.lower()})

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(answer.json()["id"], existing.pk)
        self.assertEqual(User._default_manager.count(), 1)
        existing.refresh_from_db()
        self.assertEqual(existing.email, account.email, "the address is spelt as Keyhold spells it")

    def test_user_deactivated_in_django_is_refused_though_keyhold_knows_them(self):
        account = self.new_account()
        self.assertEqual(self.whoami(account.token).status_code, 200)
        User._default_manager.filter(email=account.email).update(is_active=False)

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 401)
        self.assertEqual(answer.json()["detail"], "User inactive or deleted.")


class RefusedRequests(KeyholdTestCase):

    def test_no_header_or_another_scheme_is_401_with_a_bearer_challenge(self):
        for authorization in (None, "Basic dXNlcjpwYXNz"):
            with self.subTest(authorization=authorization):
                headers = {} if authorization is None else {"HTTP_AUTHORIZATION": authorization}

                answer = self.client.get("/whoami/", **headers)

                self.assertEqual(answer.status_code, 401)
                self.assertEqual(answer["WWW-Authenticate"], 'Bearer realm="api"')

    def test_unknown_token_is_401_and_makes_no_user(self):
        answer = self.whoami(secrets.token_urlsafe(32))

        self.assertEqual(answer.status_code, 401)
        self.assertEqual(answer.json()["detail"], "Invalid token.")
        self.assertEqual(answer["WWW-Authenticate"], 'Bearer realm="api"')
        self.assertEqual(User._default_manager.count(), 0)

    def test_malformed_or_oversized_token_is_401_without_asking_keyhold(self):
        # Keyhold is out of reach: had it been asked, the answer would be 503 and an ERROR line.
        self.use_keyhold(URL="http://127.0.0.1:{}".format(closed_port()))
        malformed = [
            "Bearer", "Bearer two words", "Bearer " + "x" * 1025,
            # Outside RFC 6750's token alphabet. Keyhold answers a NUL with a 400, so before this
            # refusal any caller could make the application answer 503 and log an error.
            "Bearer abc\x00def", "Token abc\x00def", 'Bearer "abc"', "Bearer abc%00", "Bearer abc\x7f",
            "Bearer caf\xe9", "Bearer a,b", "Bearer a;b",
        ]

        for authorization in malformed:
            with self.subTest(authorization=ascii(authorization[:20])):
                answer = self.client.get("/whoami/", HTTP_AUTHORIZATION=authorization)

                self.assertEqual(answer.status_code, 401, answer.content)
                self.assertEqual(answer["WWW-Authenticate"], 'Bearer realm="api"')
        self.assertEqual([line for line in self.log.lines if line.startswith("ERROR")], [])

    def test_token_of_every_character_of_the_token_alphabet_is_asked_about(self):
        token = "Aa0-._~+/" + secrets.token_urlsafe(32) + "=="
        self.secrets.append(token)

        answer = self.whoami(token)

        self.assertEqual(answer.status_code, 401, answer.content)
        self.assertEqual(answer.json()["detail"], "Invalid token.", "Keyhold was asked and knows no such token")


class VerifiedAddresses(KeyholdTestCase):
    """REQUIRE_VERIFIED_EMAIL: an address freed in Keyhold (its owner moved to another, or their
    account was deleted) and signed up again by someone else gets nobody's Django user until the
    newcomer has proved that it is theirs."""

    def test_address_not_verified_in_keyhold_is_403_and_its_django_user_is_left_alone(self):
        self.use_keyhold(REQUIRE_VERIFIED_EMAIL=True)
        email = self.keyhold.unique_email()
        former_owner = User._default_manager.create(
            is_staff=True, **{User.USERNAME_FIELD: email, User.get_email_field_name(): email})
        newcomer = self.new_account(email)  # Keyhold's accounts start unverified

        answer = self.whoami(newcomer.token)

        self.assertEqual(answer.status_code, 403, answer.content)
        self.assertEqual(answer.json()["detail"], "Email not verified.")
        self.assertEqual(User._default_manager.count(), 1)
        former_owner.refresh_from_db()
        self.assertTrue(former_owner.is_staff, "nothing of the former owner's user follows the newcomer")

    def test_address_verified_in_keyhold_is_let_in_and_one_keyhold_does_not_vouch_for_is_not(self):
        self.use_keyhold(REQUIRE_VERIFIED_EMAIL=True)
        # Keyhold has no API that verifies an address without its mail: a stand-in gives its answer.
        live = {"active": True, "sub": "900000001", "email": self.keyhold.unique_email(), "name": "Ada",
                "is_staff": False, "is_superuser": False, "token_type": "Bearer"}
        for email_verified, status in [(True, 200), (False, 403), (None, 403)]:
            answer = dict(live) if email_verified is None else dict(live, email_verified=email_verified)
            with self.subTest(email_verified=email_verified), \
                    StandInServer(200, json.dumps(answer).encode(), "application/json") as keyhold:
                self.use_keyhold(URL=keyhold.url)

                self.assertEqual(self.whoami(secrets.token_urlsafe(32)).status_code, status)
        self.assertEqual(list(User._default_manager.values_list(User.USERNAME_FIELD, flat=True)), [live["email"]])


class CachedAnswers(KeyholdTestCase):

    def test_logout_in_keyhold_is_seen_once_the_cache_ttl_has_passed(self):
        self.use_keyhold(CACHE_TTL=30)
        clock = self.use_fake_clock()
        account = self.new_account()
        self.assertEqual(self.whoami(account.token).status_code, 200)

        self.keyhold.logout(account)

        clock.advance(29)
        self.assertEqual(self.whoami(account.token).status_code, 200, "Keyhold's answer is kept 30 s")
        clock.advance(1)
        self.assertEqual(self.whoami(account.token).status_code, 401)

    def test_logout_in_keyhold_is_seen_after_a_one_second_ttl_on_the_real_clock(self):
        self.use_keyhold(CACHE_TTL=1)
        account = self.new_account()
        self.assertEqual(self.whoami(account.token).status_code, 200)

        self.keyhold.logout(account)

        deadline = time.monotonic() + 15
        while self.whoami(account.token).status_code == 200:
            self.assertLess(time.monotonic(), deadline, "still authenticated 15 s after logout with a 1 s TTL")
            time.sleep(0.1)
        self.assertEqual(self.whoami(account.token).status_code, 401)

    def test_staff_and_superuser_flags_follow_keyhold_once_the_cache_ttl_has_passed(self):
        self.use_keyhold(CACHE_TTL=30)
        clock = self.use_fake_clock()
        account = self.new_account()
        self.assertFalse(self.whoami(account.token).json()["is_staff"])

        self.keyhold.change_user(account, is_staff=True, is_superuser=True)

        self.assertFalse(self.whoami(account.token).json()["is_staff"], "within the TTL the cached answer holds")
        clock.advance(30)
        promoted = self.whoami(account.token).json()
        self.assertTrue(promoted["is_staff"])
        self.assertTrue(promoted["is_superuser"])
        user = User._default_manager.get(pk=promoted["id"])
        self.assertTrue(user.is_staff)
        self.assertTrue(user.is_superuser)

        self.keyhold.change_user(account, is_staff=False, is_superuser=False)
        clock.advance(30)

        self.assertFalse(self.whoami(account.token).json()["is_staff"])
        user.refresh_from_db()
        self.assertFalse(user.is_staff)
        self.assertFalse(user.is_superuser)

    def test_cached_live_token_keeps_working_while_keyhold_is_down(self):
        account = self.new_account()
        self.assertEqual(self.whoami(account.token).status_code, 200)
        introspector = self.introspector()

        introspector.client = KeyholdClient(
            "http://127.0.0.1:{}".format(closed_port()), "kh_any", "any secret", timeout=1)

        self.assertEqual(self.whoami(account.token).status_code, 200)
        self.assertEqual(self.whoami(self.new_account().token).status_code, 503, "an uncached token needs Keyhold")


class KeyholdOutOfReach(KeyholdTestCase):
    """Whatever keeps Keyhold from answering is a 503 for the caller and never a 500; the caller is
    neither authenticated nor told that the token is bad."""

    def assert_unavailable(self, token):
        answer = self.whoami(token)
        self.assertEqual(answer.status_code, 503, answer.content)
        self.assertEqual(answer.json(), {"detail": "Authentication service unavailable"})
        self.assertEqual(answer.get("Retry-After"), "5")
        self.assertEqual(User._default_manager.count(), 0, "nobody is let in or created")

    def keyhold_errors(self):
        return [line for line in self.log.lines if line.startswith("ERROR keyhold_drf")]

    def test_keyhold_down_is_503(self):
        account = self.new_account()
        self.use_keyhold(URL="http://127.0.0.1:{}".format(closed_port()))

        self.assert_unavailable(account.token)
        self.assertIn("could not be asked", self.keyhold_errors()[0])

    def test_keyhold_silent_past_the_timeout_is_503(self):
        account = self.new_account()
        with SilentServer() as silent:
            self.use_keyhold(URL=silent.url, TIMEOUT=0.5)

            self.assert_unavailable(account.token)
        self.assertIn("timed out", self.keyhold_errors()[0])

    def test_keyhold_failing_or_answering_nonsense_is_503(self):
        account = self.new_account()
        answers = [
            (502, b"Bad Gateway"),
            (200, b"<html>a login page</html>"),
            (200, b'{"active": "yes"}'),
            (200, b'{"active": true}'),
        ]
        for status, body in answers:
            with self.subTest(status=status, body=body), StandInServer(status, body) as failing:
                self.use_keyhold(URL=failing.url)

                self.assert_unavailable(account.token)

    def test_wrong_client_secret_is_503_and_logged_without_the_secret(self):
        # Keyhold's 401 refuses this application, not the caller: the token may well be good, and
        # only whoever configured the application can mend it. So: 503, and a log line for them.
        account = self.new_account()
        wrong_secret = secrets.token_urlsafe(32)
        self.secrets.append(wrong_secret)
        self.use_keyhold(CLIENT_SECRET=wrong_secret)

        self.assert_unavailable(account.token)

        errors = self.keyhold_errors()
        self.assertEqual(len(errors), 1, self.log.lines)
        self.assertIn("refused the client credentials of client_id " + self.introspector().settings.client_id,
                      errors[0])
        self.assertIn("CLIENT_SECRET", errors[0])


class Proxies(KeyholdTestCase):
    """HTTP goes through urllib, which honours the proxy variables of the environment as curl and
    requests do; an in-cluster Keyhold listed in no_proxy is asked directly."""

    def use_proxy_environment(self, proxy, no_proxy):
        # Lower case wins over upper case, and an empty value unsets the variable.
        environment = mock.patch.dict(os.environ, {"http_proxy": proxy.url, "https_proxy": proxy.url,
                                                   "no_proxy": no_proxy})
        environment.start()
        self.addCleanup(environment.stop)
        self.use_keyhold()  # a new client, which reads the environment

    def test_keyhold_listed_in_no_proxy_is_asked_directly(self):
        account = self.new_account()
        with StandInServer(502, b"Bad Gateway") as proxy:
            self.use_proxy_environment(proxy, no_proxy="keyhold, .svc.cluster.local, 127.0.0.1")

            answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(proxy.requests, [])

    def test_keyhold_not_in_no_proxy_is_asked_through_the_proxy(self):
        account = self.new_account()
        with StandInServer(502, b"Bad Gateway") as proxy:
            self.use_proxy_environment(proxy, no_proxy="")

            answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 503, answer.content)
        self.assertEqual(proxy.requests, [("POST", self.introspector().client.endpoint)])


class Logging(KeyholdTestCase):

    def test_tokens_are_never_logged_whatever_the_answer(self):
        live = self.new_account()
        ended = self.new_account()
        self.keyhold.logout(ended)
        unknown = secrets.token_urlsafe(32)
        self.secrets.append(unknown)

        self.assertEqual(self.whoami(live.token).status_code, 200)
        self.assertEqual(self.whoami(ended.token).status_code, 401)
        self.assertEqual(self.whoami(unknown).status_code, 401)
        self.use_keyhold(URL="http://127.0.0.1:{}".format(closed_port()))
        self.assertEqual(self.whoami(live.token).status_code, 503)

        self.assertTrue(self.log.lines, "the log was kept")
        # assert_no_secret_logged, run after every test, reads every line for these tokens.
