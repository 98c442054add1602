"""The Django user a Keyhold account maps to: found by email (or by Keyhold's id), made on first sight."""

import logging
import string

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import AuthenticationFailed

logger = logging.getLogger(__name__)

# Kept as Keyhold has them when the user model has a field of that name.
FOLLOWED_FLAGS = ("is_staff", "is_superuser")
NAME_FIELD = "name"

# A to Z, and only they: str.lower() would also make the Kelvin sign (U+212A) a k.
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def django_user(answer, sub_field=None):
    """The Django user for a live token's introspection answer, brought in step with Keyhold.

    Looked up first by ``sub_field`` (Keyhold's user id) when it is set, then by email on
    USERNAME_FIELD, compared as Keyhold compares addresses (``same_address``). Created with an
    unusable password when none matches. Raises AuthenticationFailed, with a warning logged, when
    Keyhold's values cannot be kept: an address longer than its field, or one the Django user of
    another Keyhold account holds (or one the database cannot tell from such a user's).
    """
    model = get_user_model()
    wanted = _wanted(model, answer, sub_field)
    _refuse_what_does_not_fit(model, wanted, answer)
    user = _find(model, answer, sub_field)
    if user is None:
        user = _create(model, wanted, answer, sub_field)
    _follow(user, wanted, answer)
    return user


def _find(model, answer, sub_field):
    if sub_field:
        by_sub = model._default_manager.filter(**{sub_field: answer["sub"]}).first()
        if by_sub is not None:
            return by_sub
    by_email = _by_email(model, answer["email"])
    if by_email is not None and sub_field and getattr(by_email, sub_field) not in (None, ""):
        # This address belonged to another Keyhold account, which has moved to a new one it has
        # not been seen with yet. Handing its Django user to the new owner would hand over its data.
        logger.warning(
            "Refused a Keyhold user (sub %s): Django user %s has their email but another Keyhold id",
            answer["sub"], by_email.pk)
        raise AuthenticationFailed(_("User inactive or deleted."))
    return by_email


def same_address(stored, keyhold_email):
    """Whether a Django user's address is Keyhold's ``email``, by Keyhold's own rule.

    Keyhold makes two spellings one account when they have the same key: the local part (ASCII
    only) lower-cased, and the domain in IDNA's lower-case Unicode form, which its answers already
    have. So the two may differ in the case of ASCII letters and in nothing else: ``Ada@Example.com``
    is ``ada@example.com``, but ``boss@bigcorp.ıo`` (dotless ı), ``bígcorp`` or ``straße`` make
    another address, another Keyhold account; nor is a stored Kelvin sign a k. A stored address
    Keyhold would read as the same only after IDNA mapping (``BÜCHER.de``, a punycode domain) is
    not matched: a new Django user is made rather than an existing one risked.
    """
    return stored.translate(_ASCII_LOWER) == keyhold_email.translate(_ASCII_LOWER)


def _by_email(model, email):
    # The database's case-insensitive match only finds candidates: it is wider than Keyhold's rule
    # on most databases. PostgreSQL's UPPER() makes the dotless ı an I, so the Keyhold account
    # boss@bigcorp.ıo would get the Django user of boss@bigcorp.io; MySQL's _ci collations ignore
    # accents too. Candidates are all read, not the first few: look-alike users made first must
    # not hide the right one.
    username_field = model.USERNAME_FIELD
    matches = [candidate for candidate in _candidates(model, email)
               if same_address(getattr(candidate, username_field), email)]
    if len(matches) > 1:
        # Keyhold's one account: a project that kept two spellings of it should merge them.
        logger.warning("Django users %s all hold one Keyhold email, spelt with different cases",
                       [match.pk for match in matches])
    exact = [match for match in matches if getattr(match, username_field) == email]
    return (exact or matches or [None])[0]


def _candidates(model, email):
    return model._default_manager.filter(**{model.USERNAME_FIELD + "__iexact": email}).order_by("pk")


def _create(model, wanted, answer, sub_field):
    user = model(**wanted)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
        return user
    except IntegrityError:
        # A concurrent first request of the same user created it a moment ago.
        existing = _find(model, answer, sub_field)
        if existing is not None:
            return existing
        held = _candidates(model, answer["email"]).first()
        if held is None:
            raise
        # The database's uniqueness is wider than Keyhold's rule (a unique UPPER(email) index, a
        # MySQL _ci collation): it takes this address for a look-alike one that another Keyhold
        # account's Django user holds, and keeps this one from having a Django user of its own.
        logger.warning(
            "Refused a Keyhold user (sub %s): the database takes their email for that of Django user %s, "
            "which Keyhold tells apart from it", answer["sub"], held.pk)
        raise AuthenticationFailed(_("User inactive or deleted.")) from None


def _follow(user, wanted, answer):
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    if not changed:
        return
    for name in changed:
        setattr(user, name, wanted[name])
    try:
        with transaction.atomic():
            user.save(update_fields=changed)
    except IntegrityError:
        # The converse of _find's refusal: this user's new address is still held by the Django
        # user of another Keyhold account, which moved away from it and has not been seen since.
        # Once that one is seen (and follows its own move), this one goes through.
        logger.warning(
            "Refused a Keyhold user (sub %s): Django user %s cannot follow Keyhold's change of %s, as "
            "another Django user still holds the new address", answer["sub"], user.pk, ", ".join(changed))
        raise AuthenticationFailed(_("User inactive or deleted.")) from None


def _wanted(model, answer, sub_field):
    """The field values Keyhold decides: the address (in both fields), the flags, the name, the id."""
    wanted = {model.USERNAME_FIELD: answer["email"], model.get_email_field_name(): answer["email"]}
    for flag in FOLLOWED_FLAGS:
        if _field(model, flag) is not None:
            wanted[flag] = bool(answer.get(flag))
    name_field = _field(model, NAME_FIELD)
    if name_field is not None and isinstance(answer.get("name"), str):
        wanted[NAME_FIELD] = answer["name"][:name_field.max_length]
    if sub_field:
        # Keyhold's id is a string; the field may hold it as a number.
        wanted[sub_field] = model._meta.get_field(sub_field).to_python(answer["sub"])
    return wanted


def _refuse_what_does_not_fit(model, wanted, answer):
    """Refuses a value longer than its field holds: ``auth.User.username`` keeps 150 characters,
    Keyhold's addresses have up to 254. SQLite would keep it anyway and other databases fail the
    request; cutting it short instead could make two addresses one Django user."""
    for name, value in wanted.items():
        max_length = model._meta.get_field(name).max_length
        if isinstance(value, str) and max_length is not None and len(value) > max_length:
            logger.warning(
                "Refused a Keyhold user (sub %s): their %s has %d characters, more than the %d of %s.%s",
                answer["sub"], name, len(value), max_length, model._meta.label, name)
            raise AuthenticationFailed(_("User inactive or deleted."))


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
