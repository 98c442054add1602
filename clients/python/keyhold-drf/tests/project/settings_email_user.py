"""A custom user model with the email as USERNAME_FIELD, a name, and Keyhold's id kept in it."""

from .settings import *  # noqa: F401,F403
from .settings import INSTALLED_APPS, KEYHOLD

INSTALLED_APPS = INSTALLED_APPS + ["project.accounts"]
AUTH_USER_MODEL = "accounts.EmailUser"
KEYHOLD = {**KEYHOLD, "SUB_FIELD": "keyhold_id"}
