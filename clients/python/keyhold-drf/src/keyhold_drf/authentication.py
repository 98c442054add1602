"""KeyholdAuthentication: DRF authentication by Keyhold tokens, checked through introspection."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from .introspection import shared_introspector
from .users import django_user

# Keyhold's own tokens are 43 base64url characters. Anything longer, or with a character outside
# RFC 6750's token alphabet (a NUL, a quote, a non-ASCII byte), cannot be one and is refused here
# without asking: Keyhold answers some such requests (a NUL, an oversized body) with a 400, which
# this application can only take for Keyhold failing, so any caller could make it answer 503 and
# write an error to its log.
MAX_TOKEN_LENGTH = 1024
TOKEN_ALPHABET = re.compile(rb"[A-Za-z0-9._~+/=-]+")


class KeyholdAuthentication(BaseAuthentication):
    """``Authorization: Bearer <token>`` or ``Token <token>`` (DRF's word), checked with Keyhold.

    On success ``request.user`` is the Django user of the token's email (created on first sight)
    and ``request.auth`` is Keyhold's introspection answer: ``sub``, ``email``, ``name``,
    ``is_staff``, ``is_superuser``, ``email_verified``, ``iat``, ``exp``… An ended or unknown token
    is a 401; an address not verified in Keyhold, with REQUIRE_VERIFIED_EMAIL, a 403; Keyhold out
    of reach is a 503 (KeyholdUnavailable).
    """

    keywords = (b"bearer", b"token")

    def authenticate(self, request):
        token = self.token(request)
        if token is None:
            return None
        introspector = shared_introspector()
        answer = introspector.introspect(token)
        if answer is None:
            raise AuthenticationFailed(_("Invalid token."))
        if introspector.settings.require_verified_email and answer.get("email_verified") is not True:
            # The token is good, its owner has yet to prove the address is theirs: refused as
            # Keyhold's own login refuses it when it requires verification, before any Django
            # user is found, made or changed by this address.
            raise PermissionDenied(_("Email not verified."))
        user = django_user(answer, introspector.settings.sub_field)
        if not user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        return user, answer

    def token(self, request):
        """The token of a Bearer or Token header; None for no header or another scheme."""
        words = get_authorization_header(request).split()
        if not words or words[0].lower() not in self.keywords:
            return None
        # The texts of DRF's TokenAuthentication, which DRF translates.
        if len(words) == 1:
            raise AuthenticationFailed(_("Invalid token header. No credentials provided."))
        if len(words) > 2:
            raise AuthenticationFailed(_("Invalid token header. Token string should not contain spaces."))
        token = words[1]
        if len(token) > MAX_TOKEN_LENGTH:
            raise AuthenticationFailed(_("Invalid token."))
        if not TOKEN_ALPHABET.fullmatch(token):
            raise AuthenticationFailed(
                _("Invalid token header. Token string should not contain invalid characters."))
        return token.decode("ascii")

    def authenticate_header(self, request):
        # Makes DRF answer an unauthenticated request 401 with this challenge, not 403.
        return 'Bearer realm="{}"'.format(shared_introspector().settings.realm)
