"""Django's own auth.User, whose username is the email address (as in the seed application)."""

from .settings import *  # noqa: F401,F403
