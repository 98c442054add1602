"""The peer is the seed's API: the URLs, JSON fields and answers that Keyhold carries forward, and the
holes SPEC §9 lists. Run against PostgreSQL (Django makes and drops test_<DJANGO_DB_NAME>):

    cd bench/peers/django-seed && DJANGO_SECRET_KEY=test DJANGO_DB_NAME=peer /usr/bin/python3 manage.py test
"""
import os
import re
from pathlib import Path
from unittest import skipUnless

from django.core.management import call_command
from django.test import TestCase
from rest_framework.test import APIClient

from .models import CustomUser

# The seed's dumpdata sample, shared beside the repository (bench/generate-dumpdata.py reads it too).
SAMPLE = Path(os.environ.get("DJANGO_DUMPDATA_SAMPLE",
                             Path(__file__).resolve().parents[4].parent / "shared" / "django-dumpdata-sample.json"))
PASSWORD = "bench-mark-password-1"
SPEC_FIELDS = {"id", "email", "name", "phone", "gender", "is_active", "is_staff", "is_superuser",
               "last_login", "created_at", "updated_at"}


class SeedApiTests(TestCase):
    def setUp(self):
        self.client = APIClient()

    def signup(self, email="a@example.com", **fields):
        return self.client.post("/api/users/", {"email": email, "password": PASSWORD, **fields}, format="json")

    def login(self, email="a@example.com", password=PASSWORD):
        # A client of its own, as curl is: the seed's login also starts a cookie session, which
        # SessionAuthentication would accept in place of the token.
        return APIClient().post("/api/users/login/", {"email": email, "password": password}).json()

    def test_signup_when_valid_then_201_with_the_spec_fields_and_the_seed_token_field(self):
        answer = self.signup(name="Ada")
        self.assertEqual(answer.status_code, 201)
        self.assertEqual(set(answer.json()), SPEC_FIELDS | {"session_token"})
        self.assertEqual(answer.json()["name"], "Ada")

    def test_signup_then_password_hashed_with_django_32_default(self):
        self.signup()
        self.assertTrue(CustomUser.objects.get().password.startswith("pbkdf2_sha256$260000$"))

    def test_login_then_ten_character_token_that_token_authentication_accepts_on_me(self):
        self.signup()
        token = self.login()["token"]
        self.assertRegex(token, r"^[a-z0-9]{10}$")
        self.assertEqual(self.client.get("/api/users/me/").status_code, 401)
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        me = self.client.get("/api/users/me/")
        self.assertEqual(me.status_code, 200)
        self.assertEqual(me.json()["email"], "a@example.com")

    def test_login_when_already_logged_in_then_error_with_200_and_old_token_ends(self):
        self.signup()
        token = self.login()["token"]
        self.assertEqual(self.login(), {"error": "User already logged in"})
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        self.assertEqual(self.client.get("/api/users/me/").status_code, 401)

    def test_login_when_wrong_then_errors_tell_which_emails_exist(self):
        self.signup()
        self.assertEqual(self.login(password="wrong-password-1"), {"error": "Invalid Password"})
        self.assertEqual(self.login(email="b@example.com"), {"error": "User does not exist"})
        self.assertEqual(self.login(email="not-an-email"), {"error": "Invalid email format"})

    def test_signup_with_is_superuser_then_superuser(self):
        self.assertTrue(self.signup(is_superuser=True).json()["is_superuser"])

    def test_logout_without_authentication_then_session_ends(self):
        user_id = self.signup().json()["id"]
        token = self.login()["token"]
        self.assertEqual(self.client.post(f"/api/users/logout/{user_id}/").json(),
                         {"message": "User logged out successfully"})
        self.client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        self.assertEqual(self.client.get("/api/users/me/").status_code, 401)

    @skipUnless(SAMPLE.is_file(), f"no dumpdata sample at {SAMPLE}")
    def test_seed_dumpdata_sample_loads_into_the_model(self):
        call_command("loaddata", str(SAMPLE), verbosity=0)
        self.assertEqual(CustomUser.objects.count(), len(re.findall(r'"model": "users.customuser"', SAMPLE.read_text())))
