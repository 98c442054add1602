import base64
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

# The endpoint's secret (whsec_…), shown once when the endpoint was created.
SECRET = base64.b64decode(os.environ["KEYHOLD_WEBHOOK_SECRET"].removeprefix("whsec_"))
TOLERANCE = 5 * 60  # seconds either way: an old delivery replayed is refused


def verify(headers, body: bytes) -> dict:
    """The event, if one of the webhook's signatures is right; ValueError otherwise."""
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures):
        raise ValueError("missing webhook headers")
    if abs(time.time() - int(timestamp)) > TOLERANCE:
        raise ValueError("timestamp out of tolerance")
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(SECRET, signed, hashlib.sha256).digest())
    # Several signatures, space-separated, while a secret is rotated: any v1 one may match.
    for signature in signatures.split(" "):
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return json.loads(body)
    raise ValueError("no matching signature")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        # The body exactly as it came: parsed and serialised again, it would no longer match.
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            event = verify(self.headers, body)
        except ValueError:
            self.send_response(400)
            self.end_headers()
            return
        # A retried event comes again with the same webhook-id: skip ids already handled.
        print(self.headers["webhook-id"], event["type"], event["data"].get("email"), flush=True)
        self.send_response(204)
        self.end_headers()


HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Receiver).serve_forever()
