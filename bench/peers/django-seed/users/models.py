from django.contrib.auth.models import AbstractUser
from django.db import models


class CustomUser(AbstractUser):
    """The seed's user: Django's AbstractUser (AbstractBaseUser + PermissionsMixin, with first_name,
    last_name and date_joined, as the seed's dumpdata shows) without a username, the email being the
    login name. session_token is the seed's one live token, "0" when logged out, kept in clear."""

    username = None
    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=255, default="Anonymous", blank=True, null=True)
    phone = models.CharField(max_length=15, blank=True, null=True)
    gender = models.CharField(max_length=10, blank=True, null=True)
    session_token = models.CharField(max_length=10, default="0")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
