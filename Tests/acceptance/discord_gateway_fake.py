"""A fake Discord Gateway and REST API for the acceptance tests, following Discord's documentation
(discord/discord-api-docs, developers/events/gateway.mdx and gateway-events.mdx):

- `GET /api/gateway/bot` answers the Gateway's URL with a session start limit;
- a WebSocket at `/gateway` sends Hello (op 10), checks Identify (op 2: the bot token, the intents), answers READY with
  a session id and a `resume_gateway_url` (a second path, `/resume`, so the test sees which one the client used) and
  a GUILD_CREATE, acknowledges heartbeats (op 1 → op 11), numbers every dispatch (`s`), and on Resume (op 6) checks
  the session and the sequence and replays the dispatches after it, then RESUMED;
- the test drives it: `dispatch` sends an event (kept for replay; queued while no client is connected, as Discord
  keeps a session's events for a resume), `reconnect` sends op 7, `invalidate` op 9, `close` a close code;
- `POST /api/channels/{id}/messages` records posts and answers a message id, `POST /api/users/@me/channels` a DM
  channel, `GET /api/channels/{id}` the channel objects the test registered.

It runs aiohttp in a thread of its own, on 127.0.0.1 and a free port, and stops with the test.
"""

import asyncio
import itertools
import json
import threading

from aiohttp import WSMsgType, web

TOKEN = "dc-bot-token"
BOT_USER = "1170000000000000000"


class FakeDiscord:
    def __init__(self, heartbeat_interval_ms=1000, token=TOKEN):
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.token = token
        # The token Identify must carry; a test sets another one to see close code 4004.
        self.identify_token = token
        self.loop = asyncio.new_event_loop()
        self.runner = None
        self.port = None
        self.lock = threading.Lock()
        # What the client did, in order: ("identify"|"resume"|"heartbeat", payload, path).
        self.received = []
        self.posts = []
        self.message_ids = itertools.count(1_300_000_000_000_000_001)
        self.channels = {}
        self.guild_create = None
        self.sessions = itertools.count(1)
        self.session_id = None
        self.sequence = 0
        self.history = []  # every dispatch of the session: (s, payload)
        self.socket = None
        self.acknowledge = True
        self.connections = 0
        self.replay_duplicate = False

    # --- life -----------------------------------------------------------------------------------------------------

    def start(self):
        started = threading.Event()

        def run():
            asyncio.set_event_loop(self.loop)
            app = web.Application()
            app.router.add_get("/api/gateway/bot", self.gateway_bot)
            app.router.add_post("/api/channels/{channel}/messages", self.create_message)
            app.router.add_post("/api/users/@me/channels", self.open_dm)
            app.router.add_get("/api/channels/{channel}", self.get_channel)
            app.router.add_get("/gateway/", self.websocket)
            app.router.add_get("/resume/", self.websocket)
            self.runner = web.AppRunner(app)
            self.loop.run_until_complete(self.runner.setup())
            site = web.TCPSite(self.runner, "127.0.0.1", 0)
            self.loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        assert started.wait(10)
        return self

    def stop(self):
        async def shutdown():
            if self.socket is not None:
                await self.socket.close()
            await self.runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    @property
    def api(self):
        return f"http://127.0.0.1:{self.port}/api"

    def call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(10)

    # --- REST -----------------------------------------------------------------------------------------------------

    async def gateway_bot(self, request):
        if request.headers.get("Authorization") != f"Bot {self.token}":
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        # developers/events/gateway.mdx, Get Gateway Bot: Example Response (url pointed at this fake).
        return web.json_response({
            "url": f"ws://127.0.0.1:{self.port}/gateway/", "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14400000, "max_concurrency": 1},
        })

    async def create_message(self, request):
        body = await request.json()
        message_id = str(next(self.message_ids))
        with self.lock:
            self.posts.append((request.match_info["channel"], body, message_id))
        return web.json_response({"id": message_id, "channel_id": request.match_info["channel"], "type": 0})

    async def open_dm(self, request):
        body = await request.json()
        return web.json_response({"id": f"dm{body['recipient_id']}", "type": 1})

    async def get_channel(self, request):
        channel = self.channels.get(request.match_info["channel"])
        if channel is None:
            return web.json_response({"message": "Unknown Channel", "code": 10003}, status=404)
        with self.lock:
            self.received.append(("lookup", request.match_info["channel"], request.path))
        return web.json_response(channel)

    # --- Gateway --------------------------------------------------------------------------------------------------

    async def websocket(self, request):
        socket = web.WebSocketResponse(max_msg_size=1 << 20)
        await socket.prepare(request)
        self.connections += 1
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                break
            payload = json.loads(message.data)
            op = payload["op"]
            if op == 1:
                with self.lock:
                    self.received.append(("heartbeat", payload, request.path_qs))
                if self.acknowledge:
                    await socket.send_json({"op": 11})
            elif op == 2:
                with self.lock:
                    self.received.append(("identify", payload, request.path_qs))
                data = payload["d"]
                if data.get("token") != self.identify_token:
                    await socket.close(code=4004, message=b"Authentication failed.")
                    break
                if data.get("intents") != 1537:
                    await socket.close(code=4013, message=b"Invalid intent(s).")
                    break
                self.socket = socket
                self.session_id = f"session-{next(self.sessions)}"
                self.sequence = 0
                self.history = []
                await self.send_dispatch("READY", {
                    "v": 10, "user": {"id": BOT_USER, "username": "Convener", "bot": True, "discriminator": "0"},
                    "guilds": [{"id": self.guild_create["id"], "unavailable": True}] if self.guild_create else [],
                    "session_id": self.session_id,
                    "resume_gateway_url": f"ws://127.0.0.1:{self.port}/resume",
                    "application": {"id": "app42", "flags": 0},
                })
                if self.guild_create:
                    await self.send_dispatch("GUILD_CREATE", self.guild_create)
            elif op == 6:
                with self.lock:
                    self.received.append(("resume", payload, request.path_qs))
                data = payload["d"]
                if data.get("session_id") != self.session_id or data.get("token") != self.token:
                    await socket.send_json({"op": 9, "d": False})
                    continue
                self.socket = socket
                for sequence, event in self.history:
                    if sequence > data["seq"]:
                        await socket.send_json(event)
                if self.replay_duplicate:
                    # A dispatch the client already had, sent again with its own number.
                    self.replay_duplicate = False
                    await socket.send_json(next(e for s, e in self.history if s == data["seq"]))
                await self.send_dispatch("RESUMED", None)
        if self.socket is socket:
            self.socket = None
        return socket

    async def send_dispatch(self, event_type, data):
        self.sequence += 1
        event = {"op": 0, "s": self.sequence, "t": event_type, "d": data}
        self.history.append((self.sequence, event))
        if self.socket is not None and not self.socket.closed:
            await self.socket.send_json(event)
        return self.sequence

    # --- driven by the test ---------------------------------------------------------------------------------------

    def dispatch(self, event_type, data):
        """Sends a dispatch now (or keeps it for the resume when no client is connected); returns its `s`."""
        return self.call(self.send_dispatch(event_type, data))

    def reconnect(self):
        """op 7: the client should close and resume."""
        async def send():
            await self.socket.send_json({"op": 7, "d": None})
            self.socket = None
        self.call(send())

    def invalidate(self, resumable=False):
        """op 9: the session is gone (or may be resumed)."""
        async def send():
            await self.socket.send_json({"op": 9, "d": resumable})
            self.socket = None
        self.call(send())

    def log(self, kind):
        with self.lock:
            return [(payload, path) for what, payload, path in self.received if what == kind]

    def posted(self, channel):
        with self.lock:
            return [(body, message_id) for to, body, message_id in self.posts if to == channel]
