"""Django's own auth.User, whose username (150 characters) holds the address Keyhold has (up to 254)."""

from django.contrib.auth import get_user_model

from support import KeyholdTestCase

User = get_user_model()


class AuthUserModel(KeyholdTestCase):

    def test_address_longer_than_the_username_field_is_refused_and_makes_no_user(self):
        # SQLite would keep 200 characters in a varchar(150); PostgreSQL or MySQL would fail the
        # request. Cut to 150, two long addresses could become one Django user.
        email = self.keyhold.unique_email("long")
        email = "x" * (200 - len(email)) + email
        account = self.new_account(email)
        self.assertEqual(len(account.email), 200)

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 401, answer.content)
        self.assertEqual(User._default_manager.count(), 0)
        warnings = [line for line in self.log.lines if line.startswith("WARNING keyhold_drf")]
        self.assertEqual(len(warnings), 1, self.log.lines)
        self.assertIn("sub {}".format(account.id), warnings[0])
        self.assertIn("username has 200 characters, more than the 150 of auth.User.username", warnings[0])

    def test_address_the_username_validators_would_refuse_is_kept_as_keyhold_has_it(self):
        # auth.User's username validator allows letters, digits and @.+-_ only; the address is
        # written as it is, not validated as a username would be in a form.
        account = self.new_account(self.keyhold.unique_email("o'brien/sales"))

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(User._default_manager.get(pk=answer.json()["id"]).username, account.email)
