"""What the tests do in Keyhold itself, over its HTTP API: sign users up and in, log them out,
and, as the superuser the Java side made, change their flags and addresses."""

import itertools
import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

PASSWORD = "Keyhold-drf-tests-1"
_numbers = itertools.count()


@dataclass
class Account:
    id: int
    email: str
    token: str = field(repr=False)


class KeyholdApi:
    def __init__(self, url=None, superuser_token=None):
        self.url = (url or os.environ["KEYHOLD_URL"]).rstrip("/")
        self.superuser_token = superuser_token or os.environ["KEYHOLD_SUPERUSER_TOKEN"]

    @staticmethod
    def unique_email(local="user", domain="example.com"):
        return "{}-{}-{}@{}".format(local, time.time_ns(), next(_numbers), domain)

    def new_account(self, email=None, name="Ada Lovelace"):
        """Signs a new user up and logs them in."""
        email = email or self.unique_email()
        self.call("POST", "/api/users/", {"email": email, "password": PASSWORD, "name": name}, expect=201)
        login = self.call("POST", "/api/users/login/", {"email": email, "password": PASSWORD}, expect=200)
        return Account(id=login["user"]["id"], email=login["user"]["email"], token=login["token"])

    def logout(self, account):
        self.call("POST", "/api/users/logout/", None, token=account.token, expect=200)

    def change_user(self, account, **fields):
        """PATCH /api/users/{id}/ as the superuser: is_staff, is_superuser, email…"""
        return self.call("PATCH", "/api/users/{}/".format(account.id), fields, token=self.superuser_token,
                         expect=200)

    def call(self, method, path, body, token=None, expect=200):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode("utf-8")
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, text = response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as refused:
            status, text = refused.code, refused.read().decode("utf-8")
        if status != expect:
            raise AssertionError("{} {} answered {} (expected {}): {}".format(method, path, status, expect, text))
        return json.loads(text) if text else None
