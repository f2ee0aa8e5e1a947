"""Outbound delivery to fake Mattermost, Discord and Slack APIs: posts, DMs, edits in place, idempotency keys,
rate limits, a hanging API, and slow commands acknowledged within 3 s with replies through response_url and
Discord's follow-up webhook."""

import json
import threading
import time
import urllib.parse

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from conftest import run_cli
from test_platforms import (DISCORD_PUBLIC_HEX, MATTERMOST_TOKEN, SLACK_SECRET, discord_request, slack_command,
                            slack_headers)
from test_slack_delivery import validate_blocks, wait_until

MM_CHANNEL = "4xp9fdt77pncbef59f4k1qe83o"
DC_CHANNEL = "1045021983744204850"
MM_USER = "u1abcdefghijklmnopqrstuvwx"
DC_USER = "80351110224678912"


def write_config(tmp_path, extra):
    config = tmp_path / "delivery.yaml"
    config.write_text("communities:\n  - name: Deliverers\n" + "".join(f"    {line}\n" for line in extra))
    return str(config)


def bodies(server, path, method="POST"):
    return [(json.loads(request.get_data()) if request.get_data() else None, request)
            for request, _ in server.log if request.path == path and request.method == method]


def mattermost_command(text="help", user=MM_USER):
    form = urllib.parse.urlencode({
        "token": MATTERMOST_TOKEN, "team_id": "t1", "team_domain": "team", "channel_id": "c1",
        "channel_name": "town-square", "user_id": user, "user_name": "alice", "command": "/cop", "text": text,
        "response_url": "http://mm.invalid/hooks/commands/x", "trigger_id": "trig",
    }).encode()
    return form, {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Token {MATTERMOST_TOKEN}"}


def discord_command(text="help", interaction="2200", token="dc-interaction-token"):
    return {
        "id": interaction, "application_id": "app42", "type": 2, "token": token, "version": 1, "guild_id": "5",
        "channel_id": "6", "member": {"user": {"id": DC_USER, "username": "alice", "global_name": "Alice"}},
        "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": text}]},
    }


def test_mattermost_channel_posts_and_dms(make_daemon, httpserver, tmp_path):
    """The welcome rule's channel post goes to mattermost_channel and its DM through the bot's DM channel, each
    with the bot token and a pending_post_id."""
    posts = []

    def post(request):
        posts.append(json.loads(request.get_data()))
        return Response(json.dumps({"id": f"post{len(posts)}"}), content_type="application/json")

    httpserver.expect_request("/api/v4/users/me", method="GET").respond_with_json({"id": "botuser"})
    httpserver.expect_request("/api/v4/channels/direct", method="POST").respond_with_json({"id": "dmchannel"})
    httpserver.expect_request("/api/v4/posts", method="POST").respond_with_handler(post)
    config = write_config(tmp_path, [f"mattermost_channel: {MM_CHANNEL}"])
    daemon = make_daemon(extra_args=["--config", config], env={
        "MATTERMOST_COMMAND_TOKEN": MATTERMOST_TOKEN, "MATTERMOST_BOT_TOKEN": "mm-bot-token",
        "MATTERMOST_URL": httpserver.url_for("/").rstrip("/")}).start()
    form, headers = mattermost_command()
    assert daemon.request("POST", "/mattermost/commands", raw=form, headers=headers)[0] == 200
    assert wait_until(lambda: {p["channel_id"] for p in posts} >= {MM_CHANNEL, "dmchannel"})
    channel_post = next(p for p in posts if p["channel_id"] == MM_CHANNEL)
    # The member is mentioned natively: Mattermost links and notifies @username.
    assert channel_post["message"].startswith("Welcome to Deliverers, @alice!")
    assert all(len(p["pending_post_id"]) == 26 for p in posts)
    assert len({p["pending_post_id"] for p in posts}) == len(posts)
    direct = bodies(httpserver, "/api/v4/channels/direct")
    assert direct[0][0] == ["botuser", MM_USER]
    assert all(request.headers["Authorization"] == "Bearer mm-bot-token" for request, _ in httpserver.log)
    assert daemon.stop() == 0


def test_discord_posts_dms_nonce_and_retry_after(make_daemon, httpserver, tmp_path):
    """Discord gets channel messages and DMs with the bot token, nonce and enforce_nonce; a 429's retry_after is
    waited out before the retry."""
    arrivals = []

    def channel(request):
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Response(json.dumps({"message": "You are being rate limited.", "retry_after": 1.0,
                                        "global": False}), status=429, content_type="application/json")
        return Response(json.dumps({"id": "9001", "channel_id": DC_CHANNEL}), content_type="application/json")

    httpserver.expect_request(f"/api/channels/{DC_CHANNEL}/messages", method="POST").respond_with_handler(channel)
    httpserver.expect_request("/api/users/@me/channels", method="POST").respond_with_json({"id": "777"})
    httpserver.expect_request("/api/channels/777/messages", method="POST").respond_with_json({"id": "9002"})
    config = write_config(tmp_path, [f'discord_channel: "{DC_CHANNEL}"'])
    daemon = make_daemon(extra_args=["--config", config], env={
        "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX, "DISCORD_BOT_TOKEN": "dc-bot-token",
        "DISCORD_API_BASE_URL": httpserver.url_for("/api")}).start()
    status, data, _ = discord_request(daemon, discord_command())
    assert status == 200 and json.loads(data)["type"] == 4
    assert wait_until(lambda: len(arrivals) >= 2 and bodies(httpserver, "/api/channels/777/messages"))
    assert arrivals[1] - arrivals[0] >= 0.95, "retried sooner than retry_after"
    sent = bodies(httpserver, f"/api/channels/{DC_CHANNEL}/messages") + bodies(httpserver, "/api/channels/777/messages")
    for body, _ in sent:
        assert 0 < len(body["nonce"]) <= 25 and body["enforce_nonce"] is True
    assert sent[0][0]["nonce"] == sent[1][0]["nonce"], "a retry keeps its nonce"
    # The welcome mentions the Discord member natively, and only users may be notified.
    welcome = bodies(httpserver, f"/api/channels/{DC_CHANNEL}/messages")[-1][0]
    assert welcome["content"].startswith(f"Welcome to Deliverers, <@{DC_USER}>!")
    assert welcome["allowed_mentions"] == {"parse": ["users"]}
    assert bodies(httpserver, "/api/users/@me/channels")[0][0] == {"recipient_id": DC_USER}
    assert all(request.headers["Authorization"] == "Bot dc-bot-token" for request, _ in httpserver.log)
    assert daemon.stop() == 0


def test_slow_commands_ack_within_3_seconds_and_reply_later(make_daemon, httpserver, tmp_path):
    """With handling slowed to 3.5 s, Slack gets an empty 200 and Discord a deferred type 5 within 3 s; the replies
    follow through response_url and the interaction webhook, and neither secret URL is logged."""
    httpserver.expect_request("/hooks/slack/resp-secret", method="POST").respond_with_json({"ok": True})
    httpserver.expect_request("/api/webhooks/app42/dc-secret-token", method="POST").respond_with_json({"id": "1"})
    daemon = make_daemon(env={
        "SLACK_SIGNING_SECRET": SLACK_SECRET, "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX,
        "DISCORD_API_BASE_URL": httpserver.url_for("/api"), "CONVENER_TEST_HANDLE_DELAY_MS": "3500"}).start()
    body = slack_command("help", user="U0SLOW1").replace(
        urllib.parse.quote_plus("https://hooks.slack.com/commands/1234/5678").encode(),
        urllib.parse.quote_plus(httpserver.url_for("/hooks/slack/resp-secret")).encode())
    started = time.monotonic()
    status, data, _ = daemon.request("POST", "/slack/commands", raw=body, headers=slack_headers(body))
    assert time.monotonic() - started < 3.0
    assert status == 200 and data == b""
    started = time.monotonic()
    status, data, _ = discord_request(daemon, discord_command(token="dc-secret-token"))
    assert time.monotonic() - started < 3.0
    assert status == 200 and json.loads(data)["type"] == 5
    assert wait_until(lambda: bodies(httpserver, "/hooks/slack/resp-secret")
                      and bodies(httpserver, "/api/webhooks/app42/dc-secret-token"))
    slack_reply = bodies(httpserver, "/hooks/slack/resp-secret")[0][0]
    assert slack_reply["response_type"] == "ephemeral" and "poll" in json.dumps(slack_reply)
    validate_blocks(slack_reply)
    discord_reply = bodies(httpserver, "/api/webhooks/app42/dc-secret-token")[0][0]
    assert discord_reply["flags"] & 64 and "poll" in json.dumps(discord_reply)
    assert daemon.stop() == 0
    log = "\n".join(daemon.output)
    assert "resp-secret" not in log and "dc-secret-token" not in log


def test_hanging_api_times_out_is_retried_and_does_not_block_others(make_daemon, tmp_path):
    """A Slack channel whose API never answers hits the total timeout and is retried, while the member's DM
    (another lane) is delivered; SIGTERM still stops the daemon promptly."""
    release = threading.Event()
    hung = []
    delivered = []
    server = HTTPServer(threaded=True)

    def post(request):
        body = json.loads(request.get_data())
        if body["channel"] == "C0HANGING1":
            hung.append(time.monotonic())
            release.wait(20)
            return Response("{}", status=500)
        delivered.append(body)
        return Response(json.dumps({"ok": True, "ts": "2.1", "channel": body["channel"]}),
                        content_type="application/json")

    server.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(post)
    server.start()
    try:
        config = write_config(tmp_path, ["slack_channel: C0HANGING1"])
        daemon = make_daemon(extra_args=["--config", config], env={
            "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_BOT_TOKEN": "xoxb-hang",
            "SLACK_API_BASE_URL": server.url_for("/api"), "CONVENER_TEST_DELIVERY_TIMEOUT_MS": "800"}).start()
        body = slack_command("help", user="U0HANGDM1", trigger="1.2.3")
        assert daemon.request("POST", "/slack/commands", raw=body, headers=slack_headers(body))[0] == 200
        assert wait_until(lambda: len(hung) >= 2 and any(m["channel"] == "U0HANGDM1" for m in delivered))
        assert hung[1] - hung[0] >= 0.75, "the retry came before the timeout"
        started = time.monotonic()
        assert daemon.stop(timeout=15) == 0
        assert time.monotonic() - started < 10
    finally:
        release.set()
        server.clear()
        server.stop()


def test_an_update_edits_the_recorded_message_in_place(make_daemon, httpserver, state_dir, tmp_path):
    """A queued message with buttons is posted and its ts recorded; a queued update of it becomes chat.update
    of that ts, with valid blocks, about a second later (Slack's per-channel pace)."""
    config = write_config(tmp_path, ["slack_channel: C0EDITS001"])
    first = make_daemon(extra_args=["--config", config], state=tmp_path / "seed").start()
    first.say("alice", "hi")
    assert first.stop() == 0
    exported = json.loads(run_cli("state", "export", "--config", config, "--state-dir", str(tmp_path / "seed"),
                                  cwd=tmp_path).stdout)
    when = next(iter(exported["state"]["members"].values()))["joinedAt"]
    buttons = [{"id": "poll.vote.1", "label": "Pizza"}, {"id": "poll.vote.2", "label": "Soup"}]
    exported["state"]["outbox"] = [
        {"message": {"id": "acc-poll", "audience": {"channel": {}}, "text": "Lunch? 0 votes", "actions": buttons},
         "queuedAt": when},
        {"message": {"id": "acc-poll-1", "audience": {"channel": {}}, "text": "Lunch? 1 vote", "actions": buttons,
                     "updates": "acc-poll"}, "queuedAt": when},
    ]
    seeded = tmp_path / "seeded.json"
    seeded.write_text(json.dumps(exported))
    run_cli("state", "import", str(seeded), "--config", config, "--state-dir", str(state_dir), cwd=tmp_path)
    arrivals = []

    def answer(body):
        def handler(request):
            arrivals.append(time.monotonic())
            return Response(json.dumps(body), content_type="application/json")
        return handler

    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(
        answer({"ok": True, "channel": "C0EDITS001", "ts": "1700000000.000100"}))
    httpserver.expect_request("/api/chat.update", method="POST").respond_with_handler(answer({"ok": True}))
    daemon = make_daemon(extra_args=["--config", config], env={
        "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_BOT_TOKEN": "xoxb-edit",
        "SLACK_API_BASE_URL": httpserver.url_for("/api")}).start()
    assert wait_until(lambda: bodies(httpserver, "/api/chat.update"))
    posted = [b for b, _ in bodies(httpserver, "/api/chat.postMessage") if b["channel"] == "C0EDITS001"]
    assert [p["text"] for p in posted] == ["Lunch? 0 votes"]
    update = bodies(httpserver, "/api/chat.update")[0][0]
    assert update["ts"] == "1700000000.000100" and update["channel"] == "C0EDITS001"
    assert update["text"] == "Lunch? 1 vote"
    assert arrivals[1] - arrivals[0] >= 0.9, "Slack's channel was not paced at about one message a second"
    for message in posted + [update]:
        validate_blocks(message)
    assert daemon.stop() == 0
    listing = run_cli("outbox", "list", "--config", config, "--state-dir", str(state_dir), cwd=tmp_path).stdout
    assert "Queued: 0" in listing and "Dead letters: 0" in listing
