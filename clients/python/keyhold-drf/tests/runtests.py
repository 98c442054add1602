"""Runs the suite against a live Keyhold, once with Django's auth.User and once with a custom
user model, each in a Django process of its own (a process has one AUTH_USER_MODEL), on SQLite;
and with KEYHOLD_DRF_POSTGRES set, on PostgreSQL too.

    KEYHOLD_URL=http://127.0.0.1:8000 KEYHOLD_CLIENT_ID=kh_… KEYHOLD_CLIENT_SECRET=… \\
    KEYHOLD_SUPERUSER_TOKEN=… [KEYHOLD_DRF_POSTGRES=postgresql://postgres@127.0.0.1:5432] \\
    python tests/runtests.py

KEYHOLD_CLIENT_* are an API client's (POST /api/clients/), KEYHOLD_SUPERUSER_TOKEN a superuser's
login token; Keyhold's signup and login rate limits must be off (0). The package must be
installed (pip install .), or on PYTHONPATH (PYTHONPATH=src).

KEYHOLD_DRF_POSTGRES is a PostgreSQL server and a role that may create databases: each
PostgreSQL configuration runs in a database of its own, made here and dropped afterwards. It needs
psycopg2 (Debian's python3-psycopg2). Without it the PostgreSQL configurations are left out, with
a line saying so, unless CI=true: then they are required, and their absence fails the run.
"""

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
NEEDED = ("KEYHOLD_URL", "KEYHOLD_CLIENT_ID", "KEYHOLD_CLIENT_SECRET", "KEYHOLD_SUPERUSER_TOKEN")
CONFIGURATIONS = [
    ("project.settings_auth_user",
     ["test_settings", "test_cache", "test_addresses", "test_authentication", "test_auth_user_model"]),
    ("project.settings_email_user", ["test_authentication", "test_email_user_model"]),
]
# Where SQLite is lenient and other databases are not (a value longer than its field), and where
# PostgreSQL's case-insensitive match (UPPER()) takes letters for others that Keyhold tells apart,
# while SQLite's knows only ASCII: test_lookalike_addresses needs that, and fails on SQLite.
POSTGRES_CONFIGURATIONS = [
    ("project.settings_auth_user", ["test_lookalike_addresses", "test_authentication", "test_auth_user_model"]),
    ("project.settings_email_user", ["test_lookalike_addresses", "test_email_user_model"]),
]


def main():
    missing = [name for name in NEEDED if not os.environ.get(name)]
    if missing:
        sys.exit("runtests.py needs " + ", ".join(missing) + " (see its docstring)")
    import keyhold_drf
    print("keyhold_drf {} from {}".format(keyhold_drf.__version__, os.path.dirname(keyhold_drf.__file__)),
          flush=True)
    failed = []
    for settings, labels in CONFIGURATIONS:
        with tempfile.TemporaryDirectory(prefix="keyhold-drf-") as data:
            if not run("SQLite", settings, labels, {"DJANGO_DATA_DIR": data}):
                failed.append(settings)
    server = os.environ.get("KEYHOLD_DRF_POSTGRES")
    if server:
        for settings, labels in POSTGRES_CONFIGURATIONS:
            with throwaway_database(server) as database:
                if not run("PostgreSQL", settings, labels, database, "--keepdb"):
                    failed.append(settings + " on PostgreSQL")
    elif os.environ.get("CI", "").lower() == "true":
        failed.append("PostgreSQL (KEYHOLD_DRF_POSTGRES is not set, and with CI=true it is required)")
    else:
        print("\nPostgreSQL configurations left out: KEYHOLD_DRF_POSTGRES is not set", flush=True)
    if failed:
        sys.exit("Failed with " + ", ".join(failed))
    print("\nAll configurations passed.")


def run(database_name, settings, labels, environment, *options):
    print("\n=== {} on {}: {}".format(settings, database_name, " ".join(labels)), flush=True)
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE=settings, **environment)
    command = [sys.executable, "-m", "django", "test", "--verbosity=2", "--noinput", *options, *labels]
    return subprocess.call(command, cwd=HERE, env=environment) == 0


@contextlib.contextmanager
def throwaway_database(server):
    """A new database on the server ``postgresql://user[:password]@host[:port]``, dropped on leaving;
    gives the environment that points the test settings at it."""
    import psycopg2

    address = urllib.parse.urlsplit(server)
    libpq = {
        "PGHOST": address.hostname or "127.0.0.1",
        "PGPORT": str(address.port or 5432),
        "PGUSER": urllib.parse.unquote(address.username or "postgres"),
    }
    if address.password is not None:
        libpq["PGPASSWORD"] = urllib.parse.unquote(address.password)
    name = "keyhold_drf_test_" + secrets.token_hex(8)
    admin = psycopg2.connect(dbname="postgres", host=libpq["PGHOST"], port=libpq["PGPORT"],
                             user=libpq["PGUSER"], password=libpq.get("PGPASSWORD"))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            # Letters cased by Unicode, as under the en_US.UTF-8 most servers are set up with:
            # UPPER('ı') is 'I' there. Under the C locale, UPPER() knows only ASCII.
            cursor.execute("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' "
                           "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'".format(name))
        try:
            yield dict(libpq, KEYHOLD_DRF_POSTGRES_DATABASE=name)
        finally:
            with admin.cursor() as cursor:
                cursor.execute("DROP DATABASE IF EXISTS {} WITH (FORCE)".format(name))
            print("Dropped PostgreSQL database {}".format(name), flush=True)
    finally:
        admin.close()


if __name__ == "__main__":
    main()
