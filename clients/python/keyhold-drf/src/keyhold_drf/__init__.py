"""Django REST Framework authentication through Keyhold's token introspection (RFC 7662).

Put ``keyhold_drf.authentication.KeyholdAuthentication`` in ``DEFAULT_AUTHENTICATION_CLASSES``
and configure the ``KEYHOLD`` setting; see the README.
"""

__version__ = "1.0.0"
