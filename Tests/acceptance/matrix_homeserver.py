"""A real Synapse homeserver for the Matrix acceptance tests, and members who talk to it through matrix-nio.

One Synapse per test session, with SQLite in a temporary folder, listening on a free loopback port; accounts are
made with the shared-secret admin API, as an operator makes the bot's.
"""

import asyncio
import hashlib
import hmac
import json
import pathlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import yaml

SECRET = "convener-tests-shared-secret"
# Generous limits for everything but messages: the accounts the tests make are exempted from the message limit
# one by one, so the one test of Synapse's limiter uses a bot that is not.
RELAXED = {"per_second": 1000, "burst_count": 1000}
MESSAGE_LIMIT = {"per_second": 2, "burst_count": 3}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Synapse:
    """`python -m synapse.app.homeserver` in `folder`, stopped by `stop()`."""

    def __init__(self, folder: pathlib.Path):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.admin_token = None

    def start(self, timeout=60):
        config = self.folder / "homeserver.yaml"
        subprocess.run(
            [sys.executable, "-m", "synapse.app.homeserver", "--server-name", "localhost", "--config-path",
             str(config), "--data-directory", str(self.folder), "--generate-config", "--report-stats=no"],
            cwd=self.folder, check=True, capture_output=True, timeout=120)
        settings = yaml.safe_load(config.read_text())
        settings.update({
            "listeners": [{"port": self.port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                           "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}],
            "registration_shared_secret": SECRET,
            "enable_registration": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "report_stats": False,
            "rc_message": MESSAGE_LIMIT,
            "rc_registration": RELAXED,
            "rc_login": {"address": RELAXED, "account": RELAXED, "failed_attempts": RELAXED},
            "rc_joins": {"local": RELAXED, "remote": RELAXED},
            "rc_joins_per_room": RELAXED,
            "rc_invites": {"per_room": RELAXED, "per_user": RELAXED, "per_issuer": RELAXED},
            "rc_room_creation": RELAXED,
            "rc_admin_redaction": RELAXED,
            "rc_presence": {"per_user": RELAXED},
            "rc_delayed_event_mgmt": RELAXED,
        })
        config.write_text(yaml.safe_dump(settings))
        self.log = open(self.folder / "synapse.out", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "--config-path", str(config)],
            cwd=self.folder, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("synapse exited:\n" + (self.folder / "synapse.out").read_text())
            try:
                self.call("GET", "/_matrix/client/versions")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        else:
            self.stop()
            raise RuntimeError("synapse did not start in time")
        self.admin_token = self.register("admin", admin=True, unlimited=False)["access_token"]
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()

    def call(self, method, path, body=None, token=None):
        request = urllib.request.Request(
            self.url + path, method=method, data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")

    def register(self, localpart, admin=False, unlimited=True):
        """A new account made with the shared secret (HMAC-SHA1 over nonce, name, password, admin flag)."""
        nonce = self.call("GET", "/_synapse/admin/v1/register")["nonce"]
        password = uuid.uuid4().hex
        mac = hmac.new(SECRET.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), localpart.encode(), password.encode(),
                                 b"admin" if admin else b"notadmin"]))
        account = self.call("POST", "/_synapse/admin/v1/register", {
            "nonce": nonce, "username": localpart, "password": password, "admin": admin, "mac": mac.hexdigest()})
        if unlimited:
            self.call("POST", f"/_synapse/admin/v1/users/{urllib.parse.quote(account['user_id'])}/override_ratelimit",
                      {"messages_per_second": 0, "burst_count": 0}, token=self.admin_token)
        return account

    def rate_limited_sends(self):
        """How many message sends Synapse answered 429 so far, from its access log."""
        log = self.folder / "homeserver.log"
        if not log.exists():
            return 0
        return sum(1 for line in log.read_text(errors="replace").splitlines()
                   if "/send/" in line and " 429 " in line)


class Member:
    """A person on the homeserver, played by a matrix-nio client with its own event loop."""

    def __init__(self, synapse: Synapse, localpart: str):
        import nio

        self.nio = nio
        account = synapse.register(localpart)
        self.user_id = account["user_id"]
        self.loop = asyncio.new_event_loop()
        self.client = nio.AsyncClient(synapse.url, self.user_id, device_id=account["device_id"])
        self.client.access_token = account["access_token"]
        self.client.user_id = self.user_id
        self.events = []  # (room id, event JSON), oldest first, every joined room
        self.run(self.client.sync(timeout=0))

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def sync(self):
        """Reads what arrived since the last sync; joins the rooms the member is invited to (the bot's 1:1 room)."""
        # Synapse gives 10 timeline events a room unless asked for more; a test's burst is larger.
        response = self.run(self.client.sync(timeout=0, sync_filter={"room": {"timeline": {"limit": 1000}}}))
        assert isinstance(response, self.nio.SyncResponse), response
        for room_id, room in response.rooms.join.items():
            for event in room.timeline.events:
                self.events.append((room_id, event.source))
        for room_id in response.rooms.invite:
            self.run(self.client.join(room_id))
        return self

    def create_room(self, invite=(), public=True, direct=False, alias=None, encrypted=False):
        preset = self.nio.RoomPreset.public_chat if public else self.nio.RoomPreset.trusted_private_chat
        state = [{"type": "m.room.encryption", "state_key": "",
                  "content": {"algorithm": "m.megolm.v1.aes-sha2"}}] if encrypted else []
        response = self.run(self.client.room_create(
            preset=preset, invite=list(invite), is_direct=direct, alias=alias, initial_state=state))
        assert isinstance(response, self.nio.RoomCreateResponse), response
        return response.room_id

    def join(self, room):
        response = self.run(self.client.join(room))
        assert isinstance(response, self.nio.JoinResponse), response

    def leave(self, room):
        self.run(self.client.room_leave(room))

    def say(self, room, text, thread=None, html=None):
        content = {"msgtype": "m.text", "body": text}
        if html:
            content.update({"format": "org.matrix.custom.html", "formatted_body": html})
        if thread:
            content["m.relates_to"] = {"rel_type": "m.thread", "event_id": thread, "is_falling_back": True,
                                       "m.in_reply_to": {"event_id": thread}}
        response = self.run(self.client.room_send(room, "m.room.message", content))
        assert isinstance(response, self.nio.RoomSendResponse), response
        return response.event_id

    def respond(self, room, poll_event_id, answers, stable=False):
        """A vote in a native poll: MSC3381's stable `m.poll.response`, or the unstable form Element sends."""
        relation = {"rel_type": "m.reference", "event_id": poll_event_id}
        if stable:
            kind, content = "m.poll.response", {"m.relates_to": relation, "m.selections": list(answers)}
        else:
            kind = "org.matrix.msc3381.poll.response"
            content = {"m.relates_to": relation, kind: {"answers": list(answers)}}
        response = self.run(self.client.room_send(room, kind, content))
        assert isinstance(response, self.nio.RoomSendResponse), response
        return response.event_id

    def set_display_name(self, name):
        response = self.run(self.client.set_displayname(name))
        assert isinstance(response, self.nio.ProfileSetDisplayNameResponse), response

    def react(self, room, event_id, key):
        content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}
        self.run(self.client.room_send(room, "m.reaction", content))

    POSTS = ("m.room.message", "org.matrix.msc3381.poll.start", "org.matrix.msc3381.poll.end")

    def messages_from(self, sender, room=None, edits=False):
        """The messages and native poll events `sender` sent, as (room, event) pairs; edits (`m.replace`) only if
        asked."""
        return [(room_id, event) for room_id, event in self.events
                if event.get("sender") == sender and event.get("type") in self.POSTS
                and (room is None or room_id == room)
                and (edits or event.get("content", {}).get("m.relates_to", {}).get("rel_type") != "m.replace")]

    def room_history(self, room):
        """Every event of `room` from its start, through `/messages`."""
        response = self.run(self.client.room_messages(room, start="", direction=self.nio.MessageDirection.front,
                                                      limit=1000))
        assert isinstance(response, self.nio.RoomMessagesResponse), response
        return [event.source for event in response.chunk]

    def close(self):
        self.run(self.client.close())
        self.loop.close()
