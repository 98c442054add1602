"""The ``KEYHOLD`` Django setting, checked once and read into a typed record."""

from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured

REQUIRED = ("URL", "CLIENT_ID", "CLIENT_SECRET")
DEFAULTS = {
    "CACHE_TTL": 30,
    "CACHE_MAX_ENTRIES": 10_000,
    "TIMEOUT": 5,
    "REALM": "api",
    "SUB_FIELD": None,
    "REQUIRE_VERIFIED_EMAIL": False,
}


@dataclass(frozen=True)
class KeyholdSettings:
    """Where Keyhold is, who this application is to it, and how long its answers are kept."""

    url: str
    client_id: str
    client_secret: str = field(repr=False)
    cache_ttl: float
    cache_max_entries: int
    timeout: float
    realm: str
    sub_field: Optional[str]
    require_verified_email: bool

    @classmethod
    def from_django(cls):
        """Reads ``settings.KEYHOLD``; a missing key or a misspelt one is a configuration error."""
        raw = getattr(settings, "KEYHOLD", None)
        if not isinstance(raw, dict):
            raise ImproperlyConfigured("KEYHOLD must be a dict with URL, CLIENT_ID and CLIENT_SECRET.")
        missing = [key for key in REQUIRED if not raw.get(key)]
        if missing:
            raise ImproperlyConfigured("KEYHOLD lacks " + ", ".join(missing) + ".")
        unknown = sorted(set(raw) - set(REQUIRED) - set(DEFAULTS))
        if unknown:
            raise ImproperlyConfigured(
                "KEYHOLD has unknown keys " + ", ".join(unknown) + "; known: "
                + ", ".join(REQUIRED + tuple(DEFAULTS)) + ".")
        values = {**DEFAULTS, **raw}
        url = urlsplit(values["URL"])
        if url.scheme not in ("http", "https") or not url.netloc:
            raise ImproperlyConfigured("KEYHOLD's URL must be http(s)://host[:port], Keyhold's base URL.")
        if values["SUB_FIELD"]:
            try:
                get_user_model()._meta.get_field(values["SUB_FIELD"])
            except FieldDoesNotExist:
                raise ImproperlyConfigured(
                    "KEYHOLD's SUB_FIELD names no field of " + settings.AUTH_USER_MODEL + ".") from None
        if not isinstance(values["REQUIRE_VERIFIED_EMAIL"], bool):
            # A string such as "false" would be true: this one is not left to guessing.
            raise ImproperlyConfigured("KEYHOLD's REQUIRE_VERIFIED_EMAIL must be True or False.")
        return cls(
            url=values["URL"],
            client_id=values["CLIENT_ID"],
            client_secret=values["CLIENT_SECRET"],
            cache_ttl=float(values["CACHE_TTL"]),
            cache_max_entries=int(values["CACHE_MAX_ENTRIES"]),
            timeout=float(values["TIMEOUT"]),
            realm=values["REALM"],
            sub_field=values["SUB_FIELD"],
            require_verified_email=values["REQUIRE_VERIFIED_EMAIL"],
        )
