"""Look-alike addresses on PostgreSQL, whose case-insensitive match (UPPER()) takes the dotless ı
for an i, so it finds boss@bigcorp.io for the Keyhold account boss@bigcorp.ıo, another account.
runtests.py runs this on PostgreSQL only: on SQLite, whose match knows only ASCII, it would fail
at its first check, that the database is one where the danger exists."""

from django.contrib.auth import get_user_model
from django.db import connection

from support import KeyholdTestCase

User = get_user_model()


class LookAlikeAddresses(KeyholdTestCase):

    def setUp(self):
        super().setUp()
        self.assertEqual(connection.vendor, "postgresql")
        with connection.cursor() as cursor:
            cursor.execute("SELECT UPPER('bigcorp.ıo') = UPPER('bigcorp.io')")
            self.assertTrue(cursor.fetchone()[0], "the database's UPPER() makes the dotless ı an I")

    def legacy_user(self, email):
        """A Django user from before Keyhold, not seen through it yet."""
        return User._default_manager.create(**{User.USERNAME_FIELD: email, User.get_email_field_name(): email})

    def address_and_look_alike(self):
        address = self.keyhold.unique_email("boss", "bigcorp.io")
        return address, address.replace("bigcorp.io", "bigcorp.ıo")

    def test_look_alike_address_gets_a_django_user_of_its_own_and_the_owner_keeps_theirs(self):
        address, look_alike = self.address_and_look_alike()
        legacy = self.legacy_user(address)
        self.assertTrue(User._default_manager.filter(**{User.USERNAME_FIELD + "__iexact": look_alike}).exists(),
                        "the database's case-insensitive match finds the owner's user for the look-alike")
        owner, attacker = self.new_account(address), self.new_account(look_alike)

        taken = self.whoami(attacker.token)

        self.assertEqual(taken.status_code, 200, taken.content)
        self.assertNotEqual(taken.json()["id"], legacy.pk, "the look-alike account got the owner's Django user")
        self.assertEqual(taken.json()["email"], look_alike)
        legacy.refresh_from_db()
        self.assertEqual(legacy.get_username(), address, "the owner's Django user is left as it was")
        # With SUB_FIELD, the legacy user would have been adopted by the look-alike account, and
        # the owner then refused as a stranger to their own Django user.
        kept = self.whoami(owner.token)
        self.assertEqual(kept.status_code, 200, kept.content)
        self.assertEqual(kept.json()["id"], legacy.pk)
        self.assertEqual(User._default_manager.count(), 2)

    def test_owner_is_found_among_any_number_of_look_alike_users(self):
        # bigcorp-ıiiii.io, bigcorp-iıiii.io…: 31 spellings the database's match takes for the
        # owner's, 20 of them held by Django users made before the owner's.
        address = self.keyhold.unique_email("boss", "bigcorp-iiiii.io")
        local = address.split("@")[0]
        dotless = ["".join("ı" if number >> place & 1 else "i" for place in range(5)) for number in range(1, 21)]
        look_alikes = [self.legacy_user(local + "@bigcorp-" + letters + ".io") for letters in dotless]
        owner = self.new_account(address)

        first, second = self.whoami(owner.token), self.whoami(owner.token)

        self.assertEqual(first.status_code, 200, first.content)
        self.assertEqual(second.status_code, 200, second.content)
        self.assertEqual(first.json()["id"], second.json()["id"])
        self.assertNotIn(first.json()["id"], [user.pk for user in look_alikes])
        self.assertEqual(User._default_manager.get(pk=first.json()["id"]).get_username(), address)
        self.assertEqual(User._default_manager.count(), 21)

    def test_look_alike_address_the_database_holds_unique_with_the_owners_is_refused_not_a_500(self):
        # A project that keeps addresses unique without regard to case, as UPPER() sees case:
        # the look-alike account cannot have a Django user of its own there.
        with connection.cursor() as cursor:
            cursor.execute("CREATE UNIQUE INDEX username_upper ON {} (UPPER({}))".format(
                connection.ops.quote_name(User._meta.db_table),
                connection.ops.quote_name(User._meta.get_field(User.USERNAME_FIELD).column)))
        address, look_alike = self.address_and_look_alike()
        legacy = self.legacy_user(address)
        attacker = self.new_account(look_alike)

        refused = self.whoami(attacker.token)

        self.assertEqual(refused.status_code, 401, refused.content)
        self.assertEqual(refused.json()["detail"], "User inactive or deleted.")
        legacy.refresh_from_db()
        self.assertEqual(legacy.get_username(), address)
        self.assertEqual(User._default_manager.count(), 1)
        warnings = [line for line in self.log.lines if line.startswith("WARNING keyhold_drf")]
        self.assertEqual(len(warnings), 1, self.log.lines)
        self.assertIn("sub {}".format(attacker.id), warnings[0])
        self.assertIn("the database takes their email for that of Django user {}".format(legacy.pk), warnings[0])
