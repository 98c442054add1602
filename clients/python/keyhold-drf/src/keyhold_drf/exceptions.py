"""The one answer of this package that is not DRF's own."""

from rest_framework.exceptions import APIException


class KeyholdUnavailable(APIException):
    """503: Keyhold could not say whether the token is live (down, slow, failing, or refusing this
    application's client credentials). The caller is not authenticated, and is not told the token
    is bad either: it may well be good, and a retry may succeed."""

    status_code = 503
    default_detail = "Authentication service unavailable"
    default_code = "authentication_service_unavailable"
    # Seconds: DRF's exception handler turns any APIException's ``wait`` into ``Retry-After``
    # (Throttled's is only the best-known one), so no handler of the application's is needed.
    wait = 5
