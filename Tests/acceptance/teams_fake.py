"""A local fake of the Bot Framework's login service and connector, following Microsoft's documented behaviour.

It serves the OpenID metadata and the JWKS (an RSA key made here), grants tokens by the client-credentials flow
(recording every grant; tokens can be expired, and the connector can refuse one once with 401), signs inbound
activities with PyJWT as the Bot Framework does (RS256, `kid`, issuer https://api.botframework.com, audience the app
id, `serviceurl`), and plays the connector: it records every call, creates 1:1 conversations, answers posts and
edits with activity ids, and can answer 429 with Retry-After. It listens on 127.0.0.1 on a free port.
"""

import json
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

APP_ID = "00000000-0000-0000-0000-0000000000a1"
APP_PASSWORD = "fake-app-password"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
ISSUER = "https://api.botframework.com"
BOT = f"28:{APP_ID}"


class FakeBotFramework:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "fake-key-" + uuid.uuid4().hex[:8]
        self.lock = threading.Lock()
        self.calls = []
        self.grants = []
        self.tokens = {}
        self.token_lifetime = 3600
        self.throttle = 0
        self.retry_after = "1"
        self.refuse_once = False
        self.counter = 0
        # Seconds between the daemon's clock and this machine's, for a daemon on a test clock (CONVENER_TEST_CLOCK):
        # tokens are dated on the daemon's clock, as the Bot Framework's are on the real one.
        self.clock_offset = 0.0
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def service_url(self):
        return self.url + "/"

    def env(self):
        return {
            "TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": APP_PASSWORD,
            "TEAMS_OPENID_METADATA_URL": self.url + "/v1/.well-known/openidconfiguration",
            "TEAMS_TOKEN_URL": self.url + "/botframework.com/oauth2/v2.0/token",
            "TEAMS_SERVICE_URL": self.service_url,
        }

    # Inbound: tokens as the Bot Framework signs them.
    def token(self, key=None, kid=None, audience=APP_ID, issuer=ISSUER, service_url=None, expires_in=3600,
              not_before=None):
        now = int(time.time() + self.clock_offset)
        claims = {"iss": issuer, "aud": audience, "exp": now + expires_in, "nbf": not_before or now - 10,
                  "serviceurl": service_url or self.service_url}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def headers(self, **options):
        return {"Authorization": "Bearer " + self.token(**options), "Content-Type": "application/json"}

    # Outbound bookkeeping.
    def expire_tokens(self):
        with self.lock:
            for token in self.tokens:
                self.tokens[token] = 0

    def connector_calls(self, method=None, path_prefix="/v3/"):
        with self.lock:
            return [c for c in self.calls if c["path"].startswith(path_prefix) and (method is None or c["method"] == method)]

    def posts_to(self, conversation, reply_to=None):
        path = f"/v3/conversations/{conversation}/activities" + (f"/{reply_to}" if reply_to else "")
        return [c for c in self.connector_calls("POST") if c["path"] == path and c["status"] == 200]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body=None, headers=None):
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/v1/.well-known/openidconfiguration":
                    return self._send(200, {
                        "issuer": ISSUER, "authorization_endpoint": "https://invalid.botframework.com",
                        "jwks_uri": fake.url + "/v1/.well-known/keys",
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "token_endpoint_auth_methods_supported": ["private_key_jwt"]})
                if self.path == "/v1/.well-known/keys":
                    jwk = json.loads(RSAAlgorithm.to_jwk(fake.key.public_key()))
                    jwk.update({"kid": fake.kid, "use": "sig", "endorsements": ["msteams"]})
                    return self._send(200, {"keys": [jwk]})
                self._send(404, {"error": "not found"})

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def do_POST(self):
                self._connector("POST")

            def do_PUT(self):
                self._connector("PUT")

            def _connector(self, method):
                raw = self._body()
                if self.path == "/botframework.com/oauth2/v2.0/token":
                    form = dict(urllib.parse.parse_qsl(raw.decode()))
                    with fake.lock:
                        fake.grants.append(form)
                        if form.get("client_secret") != APP_PASSWORD or form.get("client_id") != APP_ID:
                            return self._send(401, {"error": "invalid_client"})
                        fake.counter += 1
                        token = f"bot-token-{fake.counter}"
                        fake.tokens[token] = time.time() + fake.token_lifetime
                    return self._send(200, {"token_type": "Bearer", "expires_in": fake.token_lifetime,
                                            "ext_expires_in": fake.token_lifetime, "access_token": token})
                path = urllib.parse.unquote(self.path)
                body = json.loads(raw) if raw else None
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ")
                call = {"method": method, "path": path, "body": body, "token": token, "time": time.monotonic()}
                with fake.lock:
                    fake.calls.append(call)
                    valid = fake.tokens.get(token, 0) > time.time()
                    if fake.refuse_once and valid:
                        fake.refuse_once = False
                        valid = False
                    if not valid:
                        call["status"] = 401
                        return self._send(401, {"message": "Authorization has been denied for this request."})
                    if fake.throttle > 0 and "/activities" in path:
                        fake.throttle -= 1
                        call["status"] = 429
                        return self._send(429, {"error": {"code": "Throttled"}}, {"Retry-After": fake.retry_after})
                    call["status"] = 200
                    fake.counter += 1
                    number = fake.counter
                    # The activity id the connector answers a post with, as Teams does (ResourceResponse.id).
                    call["id"] = f"17000000000{number:02d}"
                if path == "/v3/conversations":
                    member = (body or {}).get("members", [{}])[0].get("id", "?")
                    return self._send(200, {"id": f"a:dm-{member}", "activityId": None, "serviceUrl": fake.service_url})
                if method == "PUT":
                    return self._send(200, {"id": path.rsplit("/", 1)[1]})
                return self._send(200, {"id": call["id"]})

        return Handler
