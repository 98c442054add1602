"""Keyhold's ``POST /api/introspect/`` over the standard library's HTTP client."""

import base64
import http.client
import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from .exceptions import KeyholdUnavailable

logger = logging.getLogger(__name__)

# An introspection answer is a few hundred bytes; anything far larger is not Keyhold's.
MAX_ANSWER_BYTES = 64 * 1024


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect with the client credentials, possibly to another host, and
    as a GET without the token; Keyhold never redirects, so a redirect means URL is wrong."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class KeyholdClient:
    """Asks Keyhold about tokens, as an API client authenticated by HTTP Basic (RFC 7662 §2.1)."""

    def __init__(self, url, client_id, client_secret, timeout):
        self.endpoint = url.rstrip("/") + "/api/introspect/"
        self.client_id = client_id
        self.timeout = timeout
        # RFC 6749 §2.3.1: the id and secret are form-encoded before they are joined and encoded.
        pair = urllib.parse.quote(client_id, safe="") + ":" + urllib.parse.quote(client_secret, safe="")
        self._authorization = "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")
        # build_opener keeps urllib's ProxyHandler on purpose: the environment's http_proxy,
        # https_proxy and no_proxy apply, as they do to curl and requests (README, Proxies).
        self._opener = urllib.request.build_opener(_RefuseRedirects)

    def __repr__(self):
        return "KeyholdClient(endpoint={!r}, client_id={!r})".format(self.endpoint, self.client_id)

    def introspect(self, token):
        """Keyhold's answer (a dict) when the token is live, None when it is not.

        Raises KeyholdUnavailable when Keyhold cannot be asked or does not answer as it should.
        Log lines name the endpoint and the client id, never the token or the secret.
        """
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode({"token": token}).encode("ascii"),
            headers={
                "Authorization": self._authorization,
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
            method="POST",
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_ANSWER_BYTES + 1)
        except urllib.error.HTTPError as refused:
            refused.close()
            if refused.code == 401:
                logger.error(
                    "Keyhold at %s refused the client credentials of client_id %s (HTTP 401): "
                    "check KEYHOLD's CLIENT_ID and CLIENT_SECRET (the client may have been deleted)",
                    self.endpoint, self.client_id)
            else:
                logger.error("Keyhold at %s answered token introspection with HTTP %s", self.endpoint, refused.code)
            raise KeyholdUnavailable() from None
        except (OSError, http.client.HTTPException) as failure:
            logger.error("Keyhold at %s could not be asked about a token: %s", self.endpoint, _reason(failure))
            raise KeyholdUnavailable() from None
        return self._read(body)

    def _read(self, body):
        try:
            answer = json.loads(body) if len(body) <= MAX_ANSWER_BYTES else None
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or not isinstance(answer.get("active"), bool):
            logger.error("Keyhold at %s answered token introspection with something else than RFC 7662 JSON",
                         self.endpoint)
            raise KeyholdUnavailable()
        if not answer["active"]:
            return None
        if not all(isinstance(answer.get(member), str) and answer[member] for member in ("sub", "email")):
            logger.error("Keyhold at %s answered token introspection without the user's sub and email",
                         self.endpoint)
            raise KeyholdUnavailable()
        return answer


def _reason(failure):
    """The cause in a few words: urllib wraps it (``<urlopen error [Errno 111] Connection refused>``)."""
    return str(getattr(failure, "reason", None) or failure) or type(failure).__name__
