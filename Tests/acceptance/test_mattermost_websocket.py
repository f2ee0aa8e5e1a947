"""What members respond to on Mattermost: the daemon's WebSocket client against a fake Mattermost server.

There is no Mattermost server to install here, so `FakeMattermost` (aiohttp) plays the parts Convener uses, as
Mattermost documents and implements them: `GET /api/v4/users/me` and `POST /api/v4/posts` with the bot token
(a bad token is a 401), and `GET /api/v4/websocket` (docs.mattermost.com/api/reference/connect-web-socket): the
upgrade is refused without a valid `Authorization: Bearer` token; a new connection gets `hello` (seq 0, with its
`connection_id`) and events numbered from 1; a reconnect with `connection_id` and `sequence_number` (the next
event the client expects) gets the events from that number replayed from the server's queue of the last 128,
without a new `hello` (mattermost/mattermost server/channels/app/platform/web_conn.go: PopulateWebConnConfig,
isInDeadQueue, drainDeadQueue; deadQueueSize = 128).

The event payloads are Mattermost's own, as captured from a live server in gabrc52/mattermost-to-matrix,
doc/mattermost_events.md ("Send message": `posted` with the post as a JSON string in `data.post`; "Reaction add":
`reaction_added` with `data.reaction`), with their ids changed to the test's.
"""

import asyncio
import itertools
import json
import os
import string
import threading
import time
import urllib.parse
import uuid

import pytest
from aiohttp import WSCloseCode, web

from conftest import wait_for
from test_platforms import MATTERMOST_TOKEN

BOT_TOKEN = "mm-bot-websocket-token"
BOT_ID = "bot4convener0000000000000a"
CHANNEL = "chan4community000000000000"
OTHER_CHANNEL = "chan4elsewhere000000000000"
TEAM = "team4community000000000000"
CONVENOR = "convenor000000000000000000"
ADMIN = "mm-websocket-admin"
AUTH = {"Authorization": f"Bearer {ADMIN}"}


def mattermost_id(n):
    """A 26-character Mattermost-style id."""
    alphabet = string.ascii_lowercase + string.digits
    digits = []
    for _ in range(26):
        n, rest = divmod(n, len(alphabet))
        digits.append(alphabet[rest])
    return "".join(reversed(digits))


class FakeMattermost:
    """Mattermost's REST API and WebSocket on a free loopback port, in a thread of its own."""

    def __init__(self, token=BOT_TOKEN):
        self.token = token
        self.posts = []
        self.handshakes = []
        self.connections = {}
        self.live = None
        self.open = 0
        self.most_open = 0
        self.replay_overlap = 0
        self.ids = itertools.count(1)
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def start(self):
        self.thread.start()
        assert self.ready.wait(10)
        return self

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _serve(self):
        asyncio.set_event_loop(self.loop)
        app = web.Application()
        app.router.add_get("/api/v4/users/me", self.users_me)
        app.router.add_post("/api/v4/posts", self.create_post)
        app.router.add_get("/api/v4/websocket", self.websocket)
        self.runner = web.AppRunner(app)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]
        self.ready.set()
        self.loop.run_forever()

    def stop(self):
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def authorized(self, request):
        return request.headers.get("Authorization") == f"Bearer {self.token}"

    @staticmethod
    def unauthorized():
        # Mattermost's answer to an invalid or expired token (model.AppError as JSON).
        return web.json_response({"id": "api.context.session_expired.app_error",
                                  "message": "Invalid or expired session, please login again.",
                                  "detailed_error": "", "request_id": "r1", "status_code": 401}, status=401)

    async def users_me(self, request):
        if not self.authorized(request):
            return self.unauthorized()
        return web.json_response({"id": BOT_ID, "username": "convener", "is_bot": True})

    async def create_post(self, request):
        if not self.authorized(request):
            return self.unauthorized()
        body = await request.json()
        post = dict(body, id=mattermost_id(10_000 + next(self.ids)), user_id=BOT_ID, create_at=int(time.time() * 1000))
        self.posts.append(post)
        return web.json_response(post, status=201)

    async def websocket(self, request):
        self.handshakes.append((dict(request.query), self.authorized(request)))
        if not self.authorized(request):
            return self.unauthorized()
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        connection = self.connections.get(request.query.get("connection_id", ""))
        wanted = int(request.query.get("sequence_number", "0"))
        if connection is not None and any(event["seq"] == wanted for event in connection["queue"]) \
                or connection is not None and wanted == connection["next"]:
            # Resumed: what the client missed, from the sequence it asks for.
            start = max(0, wanted - self.replay_overlap)
            for event in connection["queue"]:
                if event["seq"] >= start:
                    await ws.send_str(json.dumps(event))
        else:
            connection = {"id": mattermost_id(900_000 + next(self.ids)), "next": 0, "queue": []}
            self.connections[connection["id"]] = connection
            await self._send(connection, ws, {
                "event": "hello", "data": {"connection_id": connection["id"], "server_version": "9.11.0.9.11.0.x.false"},
                "broadcast": {"omit_users": None, "user_id": BOT_ID, "channel_id": "", "team_id": ""}})
        self.live = (connection, ws)
        async for _ in ws:
            pass
        self.open -= 1
        if self.live and self.live[1] is ws:
            self.live = None
        return ws

    async def _send(self, connection, ws, event):
        event = dict(event, seq=connection["next"])
        connection["next"] += 1
        connection["queue"] = (connection["queue"] + [event])[-128:]
        if ws is not None and not ws.closed:
            await ws.send_str(json.dumps(event))

    def emit(self, event):
        """Sends `event` on the live connection, or queues it on the last one for its resumption."""
        async def send():
            if self.live:
                await self._send(*self.live, event)
            else:
                last = list(self.connections.values())[-1]
                await self._send(last, None, event)
        asyncio.run_coroutine_threadsafe(send(), self.loop).result(10)

    def drop(self):
        """Closes the live connection, as a proxy or a network failure would."""
        async def close():
            connection, ws = self.live
            self.live = None
            await ws.close(code=WSCloseCode.GOING_AWAY)
        asyncio.run_coroutine_threadsafe(close(), self.loop).result(10)

    def connected(self):
        return self.live is not None


def posted(post_id, user, message, root="", post_type="", props=None, channel=CHANNEL, sender="member"):
    post = {"id": post_id, "create_at": 1767600000000, "update_at": 1767600000000, "edit_at": 0, "delete_at": 0,
            "is_pinned": False, "user_id": user, "channel_id": channel, "root_id": root, "parent_id": "",
            "original_id": "", "message": message, "type": post_type,
            "props": props or {"disable_group_highlight": True}, "hashtags": "", "pending_post_id": "",
            "reply_count": 0, "metadata": {}}
    return {"event": "posted",
            "data": {"channel_display_name": "Community", "channel_name": "community", "channel_type": "O",
                     "post": json.dumps(post), "sender_name": f"@{sender}", "set_online": True, "team_id": TEAM},
            "broadcast": {"channel_id": channel, "omit_users": None, "team_id": "", "user_id": ""}}


def reaction_added(user, post_id, emoji="eyes", at=1767600100000):
    reaction = {"user_id": user, "post_id": post_id, "emoji_name": emoji, "create_at": at}
    return {"event": "reaction_added", "data": {"reaction": json.dumps(reaction)},
            "broadcast": {"channel_id": CHANNEL, "omit_users": None, "team_id": "", "user_id": ""}}


@pytest.fixture
def mattermost():
    fake = FakeMattermost().start()
    yield fake
    fake.stop()


def start_daemon(make_daemon, tmp_path, fake, token=None, env=None, state=None):
    config = tmp_path / "mattermost.yaml"
    config.write_text(
        "communities:\n"
        "  - name: Mattermosters\n"
        f"    mattermost_channel: {CHANNEL}\n"
        f"    convenors: ['mattermost:{CONVENOR}']\n"
        "prompts:\n"
        "  answer_window_days: 7\n")
    return make_daemon(
        extra_args=["--config", str(config)],
        env={"MATTERMOST_COMMAND_TOKEN": MATTERMOST_TOKEN, "MATTERMOST_BOT_TOKEN": token or fake.token,
             "MATTERMOST_URL": fake.url, "CONVENER_ADMIN_TOKEN": ADMIN, **(env or {})},
        state=state,
    ).start()


def command(daemon, fake, text):
    form = urllib.parse.urlencode({
        "token": MATTERMOST_TOKEN, "team_id": TEAM, "team_domain": "team", "channel_id": CHANNEL,
        "channel_name": "community", "user_id": CONVENOR, "user_name": "convenor", "command": "/cop", "text": text,
        "response_url": f"{fake.url}/hooks/commands/x", "trigger_id": f"trigger{time.monotonic_ns()}",
    }).encode()
    status, data, _ = daemon.request("POST", "/mattermost/commands", raw=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Token {MATTERMOST_TOKEN}"})
    assert status == 200, data
    return json.loads(data)


def running_week(daemon):
    status, body, _ = daemon.request("GET", "/dashboard/api/trends?weeks=1", headers=AUTH)
    assert status == 200, body
    return json.loads(body)["communities"][0]


def test_thread_replies_and_reactions_to_a_prompt_count_once_across_a_reconnect(make_daemon, tmp_path, mattermost):
    daemon = start_daemon(make_daemon, tmp_path, mattermost)
    assert wait_for(mattermost.connected, timeout=30), daemon.output[-20:]
    first_query, authorized = mattermost.handshakes[0]
    assert authorized and first_query == {}

    answer = command(daemon, mattermost, "prompt now")
    assert "Posted the next 'reflection' prompt" in answer["text"], answer
    prompt = wait_for(lambda: next((p["id"] for p in mattermost.posts if p["message"].startswith("💬")), None))
    assert prompt, mattermost.posts
    assert mattermost.posts[0]["channel_id"] == CHANNEL

    def outbox_empty():
        status, body, _ = daemon.request("GET", "/dashboard/api/health", headers=AUTH)
        return status == 200 and json.loads(body)["communities"][0]["outbox"] == 0
    # The prompt's post id is recorded once it has left the outbox.
    assert wait_for(outbox_empty)

    members = [mattermost_id(500 + n) for n in range(6)]
    # The bot's own post in the thread, a system post and a post by a webhook are not answers, nor activity.
    mattermost.emit(posted(mattermost_id(700), BOT_ID, "Thanks for answering!", root=prompt, sender="convener"))
    mattermost.emit(posted(mattermost_id(701), members[5], "member joined the channel", root=prompt,
                           post_type="system_join_channel"))
    mattermost.emit(posted(mattermost_id(702), members[5], "Build passed", root=prompt,
                           props={"from_webhook": "true"}))
    # A thread reply in a channel no community is bound to is not counted.
    mattermost.emit(posted(mattermost_id(703), members[5], "Elsewhere", root=prompt, channel=OTHER_CHANNEL))
    # One member reacts to the prompt; five answer in its thread (events 5 to 10, after hello and the four above).
    mattermost.emit(reaction_added(members[0], prompt, "eyes"))
    for n, user in enumerate(members[:5]):
        mattermost.emit(posted(mattermost_id(600 + n), user, "In my team we…", root=prompt))
    assert wait_for(lambda: running_week(daemon)["weeks"][-1]["promptReplies"] == 5, timeout=20), \
        running_week(daemon)["weeks"][-1]
    connection = mattermost.live[0]

    # The connection drops; what happens meanwhile is replayed when the client resumes it. The fake also replays
    # the last event the client had already handled, as after a crash between handling and recording: it counts
    # once.
    mattermost.replay_overlap = 2
    mattermost.drop()
    mattermost.emit(posted(mattermost_id(605), members[5], "Late, but here is mine", root=prompt))
    mattermost.emit(reaction_added(members[1], prompt, "bulb"))
    mattermost.emit(posted(mattermost_id(800), members[5], "Hello everyone", sender="member5"))
    assert wait_for(mattermost.connected, timeout=30), daemon.output[-20:]
    resumed, authorized = mattermost.handshakes[-1]
    assert authorized and resumed["connection_id"] == connection["id"]
    # Resumed after the last event handled before the drop.
    assert resumed["sequence_number"] == "11", mattermost.handshakes

    def week_with(replies):
        week = running_week(daemon)["weeks"][-1]
        return week if week["promptReplies"] == replies else None
    week = wait_for(lambda: week_with(6), timeout=20)
    assert week, running_week(daemon)
    time.sleep(1)
    week = running_week(daemon)["weeks"][-1]
    assert week["promptReplies"] == 6 and week["promptAnswerers"] == 6 and week["promptReactions"] == "< 5"
    # Members' messages are activity: the six thread replies and the top-level one; nothing the bot, the system
    # or the webhook posted.
    assert week["messages"] == 7, week

    stats = command(daemon, mattermost, "prompt stats")["text"]
    assert "reflection: 1 prompt, 6 replies, < 5 reactions, 6 answerers, response rate 6.0" in stats, stats
    assert "Mattermost could not resume" not in "\n".join(daemon.output)
    assert daemon.stop() == 0

    # A restarted daemon resumes the same connection from where it stopped: nothing is counted twice.
    mattermost.replay_overlap = 0
    again = start_daemon(make_daemon, tmp_path, mattermost)
    assert wait_for(lambda: len(mattermost.handshakes) >= 3 and mattermost.connected(), timeout=30)
    assert mattermost.handshakes[-1][0]["connection_id"] == connection["id"]
    for user in members[2:5]:
        mattermost.emit(reaction_added(user, prompt, "tada"))
    assert wait_for(lambda: running_week(again)["weeks"][-1]["promptReactions"] == 5, timeout=20), \
        running_week(again)["weeks"][-1]
    week = running_week(again)["weeks"][-1]
    assert week["promptReplies"] == 6 and week["messages"] == 7
    assert again.stop() == 0


def test_a_refused_bot_token_is_logged_with_what_to_do(make_daemon, tmp_path):
    fake = FakeMattermost(token="the-real-token").start()
    try:
        daemon = start_daemon(make_daemon, tmp_path, fake, token="a-wrong-token")
        assert wait_for(lambda: any("Mattermost refused MATTERMOST_BOT_TOKEN (HTTP 401)" in line
                                    for line in daemon.output), timeout=20), daemon.output[-20:]
        assert not fake.connected()
        assert daemon.stop() == 0
    finally:
        fake.stop()


@pytest.mark.skipif(not os.environ.get("CONVENER_TEST_DATABASE_URL"),
                    reason="CONVENER_TEST_DATABASE_URL is not set (scripts/test sets it)")
def test_only_the_lease_holder_among_several_daemons_connects(make_daemon, tmp_path, mattermost):
    """Two daemons on one PostgreSQL database: one holds the `mattermost.websocket` lease and connects; when it is
    killed, the other takes over the same connection once the lease runs out, and every event counts once."""
    from test_postgres import SERVER, psql

    name = "mattermost_" + uuid.uuid4().hex[:12]
    psql(SERVER, f"CREATE DATABASE {name}")
    url = SERVER.rsplit("/", 1)[0] + "/" + name + "?sslmode=disable"
    try:
        env = {"CONVENER_DATABASE_URL": url}
        daemons = [start_daemon(make_daemon, tmp_path, mattermost, env=env, state=tmp_path / f"unused-{n}")
                   for n in range(2)]
        assert wait_for(mattermost.connected, timeout=30)
        members = [mattermost_id(500 + n) for n in range(6)]
        for n, user in enumerate(members):
            mattermost.emit(posted(mattermost_id(600 + n), user, "Hello"))
        assert wait_for(lambda: running_week(daemons[1])["weeks"][-1]["messages"] == 6, timeout=20)
        time.sleep(2)  # a second connection would have been opened by now
        assert mattermost.most_open == 1 and len(mattermost.handshakes) == 1, mattermost.handshakes
        assert psql(url, "SELECT count(*) FROM convener_leases WHERE name = 'mattermost.websocket' "
                         "AND expires_at > now()") == "1"
        connection = mattermost.live[0]

        holder = next(n for n, daemon in enumerate(daemons)
                      if any("Mattermost WebSocket connected" in line for line in daemon.output))
        daemons[holder].kill()
        other = daemons[1 - holder]
        for n, user in enumerate(members[:3]):
            mattermost.emit(posted(mattermost_id(700 + n), user, "Still here"))
        # The other daemon takes over once the lease (30 s) runs out, resuming the same connection.
        assert wait_for(lambda: len(mattermost.handshakes) == 2 and mattermost.connected(), timeout=60), \
            other.output[-20:]
        assert mattermost.handshakes[1][0]["connection_id"] == connection["id"]
        assert wait_for(lambda: running_week(other)["weeks"][-1]["messages"] == 9, timeout=20), \
            running_week(other)["weeks"][-1]
        time.sleep(1)
        assert running_week(other)["weeks"][-1]["messages"] == 9
        assert other.stop() == 0
    finally:
        psql(SERVER, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
