"""What the test cases share: Keyhold's settings per test, a clock to move, the log kept and
searched for secrets, and stand-ins for a Keyhold that is down, silent, failing, or answering as
told."""

import http.server
import logging
import socket
import threading

from django.conf import settings
from django.test import TestCase, override_settings
from keyhold_drf.introspection import shared_introspector
from rest_framework.test import APIClient

from keyhold_api import KeyholdApi


class FakeClock:
    """Seconds that move only when a test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class KeptLog(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


class KeyholdTestCase(TestCase):
    """Each test starts with a fresh introspector and cache (its own KEYHOLD setting) and every
    log line of the process kept; at its end no token it saw and no client secret may be in them."""

    keyhold = KeyholdApi()

    def setUp(self):
        self.client = APIClient()
        self.secrets = [settings.KEYHOLD["CLIENT_SECRET"], self.keyhold.superuser_token]
        self.use_keyhold()
        self.log = KeptLog()
        self.log.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        root = logging.getLogger()
        previous_level = root.level
        root.addHandler(self.log)
        root.setLevel(logging.DEBUG)
        self.addCleanup(root.setLevel, previous_level)
        self.addCleanup(root.removeHandler, self.log)
        self.addCleanup(self.assert_no_secret_logged)

    def use_keyhold(self, **changes):
        """KEYHOLD with these keys changed, for the rest of the test; the cache starts empty."""
        override = override_settings(KEYHOLD={**settings.KEYHOLD, **changes})
        override.enable()
        self.addCleanup(override.disable)

    def introspector(self):
        return shared_introspector()

    def use_fake_clock(self):
        clock = FakeClock()
        self.introspector().cache.clock = clock
        return clock

    def new_account(self, email=None, name="Ada Lovelace"):
        account = self.keyhold.new_account(email, name)
        self.secrets.append(account.token)
        return account

    def whoami(self, token, keyword="Bearer"):
        return self.client.get("/whoami/", HTTP_AUTHORIZATION="{} {}".format(keyword, token))

    def assert_no_secret_logged(self):
        for line in self.log.lines:
            for secret in self.secrets:
                if secret in line:
                    self.fail("a token or secret was logged: " + line.replace(secret, "<the secret>"))


def closed_port():
    """A port nothing listens on: bound by this process a moment ago, then let go."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """Accepts connections (the kernel completes them from the backlog) and never answers."""

    def __enter__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.url = "http://127.0.0.1:{}".format(self.socket.getsockname()[1])
        return self

    def __exit__(self, *exc_info):
        self.socket.close()


class StandInServer:
    """A real HTTP server that answers every POST with ``status`` and ``body`` (a failing Keyhold or
    proxy, or a Keyhold with one answer), and keeps the request line of each (method and target:
    the whole URL when it is asked as a proxy)."""

    def __init__(self, status, body=b"", content_type="text/plain"):
        self.status, self.body, self.content_type = status, body, content_type
        self.requests = []

    def __enter__(self):
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                stand_in.requests.append((self.command, self.path))
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.send_response(stand_in.status)
                self.send_header("Content-Type", stand_in.content_type)
                self.send_header("Content-Length", str(len(stand_in.body)))
                self.end_headers()
                self.wfile.write(stand_in.body)

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:{}".format(self.server.server_address[1])
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

