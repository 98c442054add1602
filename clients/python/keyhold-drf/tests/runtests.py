"""Runs the suite against a live Keyhold, once with Django's auth.User and once with a custom
user model, each in a Django process of its own (a process has one AUTH_USER_MODEL).

    KEYHOLD_URL=http://127.0.0.1:8000 KEYHOLD_CLIENT_ID=kh_… KEYHOLD_CLIENT_SECRET=… \\
    KEYHOLD_SUPERUSER_TOKEN=… python tests/runtests.py

KEYHOLD_CLIENT_* are an API client's (POST /api/clients/), KEYHOLD_SUPERUSER_TOKEN a superuser's
login token; Keyhold's signup and login rate limits must be off (0). The package must be
installed (pip install .), or on PYTHONPATH (PYTHONPATH=src).
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NEEDED = ("KEYHOLD_URL", "KEYHOLD_CLIENT_ID", "KEYHOLD_CLIENT_SECRET", "KEYHOLD_SUPERUSER_TOKEN")
CONFIGURATIONS = [
    ("project.settings_auth_user",
     ["test_settings", "test_cache", "test_authentication", "test_auth_user_model"]),
    ("project.settings_email_user", ["test_authentication", "test_email_user_model"]),
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
        print("\n=== {}: {}".format(settings, " ".join(labels)), flush=True)
        with tempfile.TemporaryDirectory(prefix="keyhold-drf-") as data:
            environment = dict(os.environ, DJANGO_SETTINGS_MODULE=settings, DJANGO_DATA_DIR=data)
            command = [sys.executable, "-m", "django", "test", "--verbosity=2", "--noinput"] + labels
            if subprocess.call(command, cwd=HERE, env=environment) != 0:
                failed.append(settings)
    if failed:
        sys.exit("Failed with " + ", ".join(failed))
    print("\nAll configurations passed.")


if __name__ == "__main__":
    main()
