"""A stand-in for Pushpin's publish endpoint in unit tests: it keeps what is posted to it.
The real Pushpin runs in test_pushpin.py."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt


class PublishEndpoint:
    def __init__(self, status=200):
        self.status = status
        self.items = []
        self.requests = []
        self._received = threading.Condition()
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with endpoint._received:
                    endpoint.requests.append((self.path, dict(self.headers)))
                    endpoint.items.extend(json.loads(body)["items"])
                    endpoint._received.notify_all()
                self.send_response(endpoint.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def grip_signature(key, expires_in=3600, issuer="pushpin"):
    """The Grip-Sig header Pushpin sends: a JWT signed with its sig_key."""
    import time

    return jwt.encode({"iss": issuer, "exp": int(time.time()) + expires_in}, key, "HS256")
