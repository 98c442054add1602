"""A custom user model with the email as USERNAME_FIELD, a name field and SUB_FIELD = keyhold_id:
the Django user follows its Keyhold account through a change of address."""

from django.contrib.auth import get_user_model

from support import KeyholdTestCase

User = get_user_model()


class EmailUserModel(KeyholdTestCase):

    def test_new_user_gets_keyholds_id_name_and_flags(self):
        account = self.new_account(name="Grace Hopper")

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 200, answer.content)
        user = User._default_manager.get(email=account.email)
        self.assertEqual(user.keyhold_id, account.id)
        self.assertEqual(user.name, "Grace Hopper")
        self.assertFalse(user.is_staff)

    def test_change_of_address_in_keyhold_is_followed_by_the_same_django_user(self):
        self.use_keyhold(CACHE_TTL=30)
        clock = self.use_fake_clock()
        account = self.new_account()
        first = self.whoami(account.token).json()
        new_email = self.keyhold.unique_email("moved")

        self.keyhold.change_user(account, email=new_email, name="Ada King")
        clock.advance(30)

        moved = self.whoami(account.token).json()
        self.assertEqual(moved["id"], first["id"])
        self.assertEqual(moved["email"], new_email)
        user = User._default_manager.get(pk=first["id"])
        self.assertEqual(user.name, "Ada King")
        self.assertEqual(User._default_manager.count(), 1)

    def test_existing_django_user_without_keyhold_id_is_adopted_by_email(self):
        account = self.new_account()
        existing = User._default_manager.create(email=account.email)

        self.assertEqual(self.whoami(account.token).json()["id"], existing.pk)
        existing.refresh_from_db()
        self.assertEqual(existing.keyhold_id, account.id)

    def test_address_still_held_by_another_keyhold_account_is_not_handed_over(self):
        account = self.new_account()
        previous_owner = User._default_manager.create(email=account.email, keyhold_id=account.id + 1_000_000)

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 401)
        previous_owner.refresh_from_db()
        self.assertEqual(previous_owner.keyhold_id, account.id + 1_000_000)
        self.assertEqual(User._default_manager.count(), 1)
        self.assertTrue(any("another Keyhold id" in line for line in self.log.lines))

    def test_address_taken_over_before_its_former_owner_is_seen_again_is_refused_until_then(self):
        # B moves to a new address, then A takes B's old one; A comes back first, while B's Django
        # user still holds it.
        self.use_keyhold(CACHE_TTL=30)
        clock = self.use_fake_clock()
        a, b = self.new_account(), self.new_account()
        a_id, b_id = self.whoami(a.token).json()["id"], self.whoami(b.token).json()["id"]
        b_old_email, b_new_email = b.email, self.keyhold.unique_email("moved")
        self.keyhold.change_user(b, email=b_new_email)
        self.keyhold.change_user(a, email=b_old_email)
        clock.advance(30)

        refused = self.whoami(a.token)

        self.assertEqual(refused.status_code, 401, refused.content)
        self.assertEqual(User._default_manager.get(pk=a_id).email, a.email)
        self.assertEqual(User._default_manager.get(pk=b_id).email, b_old_email)
        warnings = [line for line in self.log.lines if line.startswith("WARNING keyhold_drf")]
        self.assertEqual(len(warnings), 1, self.log.lines)
        self.assertIn("sub {}".format(a.id), warnings[0])
        self.assertIn("another Django user still holds the new address", warnings[0])

        followed = self.whoami(b.token).json()
        self.assertEqual((followed["id"], followed["email"]), (b_id, b_new_email))
        moved = self.whoami(a.token)
        self.assertEqual(moved.status_code, 200, moved.content)
        self.assertEqual(moved.json()["id"], a_id)
        self.assertEqual(moved.json()["email"], b_old_email)
        self.assertEqual(User._default_manager.count(), 2)

    def test_name_longer_than_the_name_field_is_cut_not_refused(self):
        # Keyhold's names have up to 255 characters, this model's 150. A name identifies nobody,
        # so unlike an address it is cut to fit.
        account = self.new_account(name="Ada " + "L" * 196)

        answer = self.whoami(account.token)

        self.assertEqual(answer.status_code, 200, answer.content)
        self.assertEqual(User._default_manager.get(pk=answer.json()["id"]).name, "Ada " + "L" * 146)
