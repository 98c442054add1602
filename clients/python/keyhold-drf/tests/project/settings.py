"""Settings shared by both test configurations; Keyhold's address and client come from the
environment (runtests.py says which variables)."""

import os

SECRET_KEY = "keyhold-drf tests only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
ROOT_URLCONF = "project.urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
]

MIDDLEWARE = [
    "django.middleware.common.CommonMiddleware",
]

_POSTGRES_DATABASE = os.environ.get("KEYHOLD_DRF_POSTGRES_DATABASE")
if _POSTGRES_DATABASE:
    # A throw-away database runtests.py made, and drops; the tests run in it as it is (--keepdb).
    # The server and role are libpq's PGHOST, PGPORT, PGUSER and PGPASSWORD, which it sets too.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": _POSTGRES_DATABASE,
            "TEST": {"NAME": _POSTGRES_DATABASE},
        }
    }
else:
    _DATA = os.environ["DJANGO_DATA_DIR"]
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(_DATA, "db.sqlite3"),
            "TEST": {"NAME": os.path.join(_DATA, "test.sqlite3")},
        }
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["keyhold_drf.authentication.KeyholdAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
}

KEYHOLD = {
    "URL": os.environ["KEYHOLD_URL"],
    "CLIENT_ID": os.environ["KEYHOLD_CLIENT_ID"],
    "CLIENT_SECRET": os.environ["KEYHOLD_CLIENT_SECRET"],
    "CACHE_TTL": 30,
    "TIMEOUT": 5,
}
