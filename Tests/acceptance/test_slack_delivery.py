"""Queued messages reach a fake Slack Web API through the libcurl delivery worker: success, 429, dead letters."""

import json
import time

import pytest
from slack_sdk.models.blocks import Block
from werkzeug import Response

from conftest import run_cli, wait_for as wait_until
from test_platforms import SLACK_SECRET, slack_command, slack_headers

TOKEN = "xoxb-test-token"


@pytest.fixture
def slack_daemon(make_daemon, httpserver, tmp_path):
    config = tmp_path / "slack.yaml"
    config.write_text("communities:\n  - name: Slackers\n    slack_channel: C0CHANNEL1\n")

    def start():
        return make_daemon(
            extra_args=["--config", str(config)],
            env={"SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_BOT_TOKEN": TOKEN,
                 "SLACK_API_BASE_URL": httpserver.url_for("/api")},
        ).start()

    return start


def posted(httpserver):
    return [json.loads(request.get_data()) for request, _ in httpserver.log if request.path == "/api/chat.postMessage"]


def validate_blocks(message):
    """Parses every block with slack_sdk's models and validates it and each element inside, recursively."""
    def walk(value):
        if hasattr(value, "validate_json"):
            value.validate_json()
        for child in vars(value).values() if hasattr(value, "__dict__") else []:
            for item in child if isinstance(child, list) else [child]:
                if hasattr(item, "validate_json"):
                    walk(item)
    for raw in message["blocks"]:
        block = Block.parse(raw)
        assert block is not None, raw
        walk(block)


def test_rule_posts_and_dms_reach_slack(slack_daemon, httpserver):
    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_json({"ok": True, "ts": "1.2"})
    daemon = slack_daemon()
    daemon.say("alice", "hello from the playground")
    assert wait_until(lambda: any(m["channel"] == "C0CHANNEL1" for m in posted(httpserver)))
    channel_post = next(m for m in posted(httpserver) if m["channel"] == "C0CHANNEL1")
    assert channel_post["text"].startswith("Welcome to Slackers, @alice!")
    validate_blocks(channel_post)
    request = httpserver.log[0][0]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    body = slack_command("help", user="U0NEWCOMER", trigger="9.9.9")
    assert daemon.request("POST", "/slack/commands", raw=body, headers=slack_headers(body))[0] == 200
    assert wait_until(lambda: any(m["channel"] == "U0NEWCOMER" for m in posted(httpserver)))
    dm = next(m for m in posted(httpserver) if m["channel"] == "U0NEWCOMER")
    assert dm["text"].startswith("Hi alice") or "glad you joined Slackers" in dm["text"]
    validate_blocks(dm)
    # A Slack member is welcomed with a native mention, which Slack links and notifies.
    assert wait_until(lambda: any("Welcome to Slackers, <@U0NEWCOMER>!" in m["text"] for m in posted(httpserver)))
    welcome = next(m for m in posted(httpserver) if "<@U0NEWCOMER>" in m["text"])
    assert welcome["channel"] == "C0CHANNEL1"
    assert "Welcome to Slackers, <@U0NEWCOMER>!" in welcome["blocks"][0]["text"]["text"]


def test_rate_limits_are_honoured(slack_daemon, httpserver):
    arrivals = []

    def limited(request):
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return Response(json.dumps({"ok": False, "error": "ratelimited"}), status=429,
                            headers={"Retry-After": "2"}, content_type="application/json")
        return Response(json.dumps({"ok": True, "ts": "1.3"}), status=200, content_type="application/json")

    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(limited)
    daemon = slack_daemon()
    daemon.say("bob", "hi")
    assert wait_until(lambda: len(arrivals) >= 2)
    assert arrivals[1] - arrivals[0] >= 1.9, "retried sooner than Retry-After"


def test_permanent_errors_are_dead_lettered_and_visible(slack_daemon, httpserver, state_dir, tmp_path):
    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_json(
        {"ok": False, "error": "channel_not_found"})
    daemon = slack_daemon()
    daemon.say("carl", "hi")
    assert wait_until(lambda: len(posted(httpserver)) >= 1)
    time.sleep(0.5)
    assert daemon.stop() == 0
    listing = run_cli("outbox", "list", "--config", str(tmp_path / "slack.yaml"), "--state-dir", str(state_dir),
                      cwd=tmp_path).stdout
    assert "Dead letters: 1" in listing
    assert "channel_not_found" in listing
    assert "Welcome to Slackers, @carl" in listing


def test_queued_messages_survive_kill_9_and_are_delivered_after_restart(slack_daemon, httpserver, state_dir,
                                                                        tmp_path):
    slack_is_down = {"value": True}
    accepted = []

    def flaky(request):
        if slack_is_down["value"]:
            return Response(json.dumps({"ok": False, "error": "internal_error"}), status=500,
                            content_type="application/json")
        accepted.append(json.loads(request.get_data()))
        return Response(json.dumps({"ok": True, "ts": "1.4"}), status=200, content_type="application/json")

    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(flaky)
    daemon = slack_daemon()
    daemon.say("dana", "hi")
    assert wait_until(lambda: len(httpserver.log) >= 1), "the worker never tried Slack"
    daemon.kill()
    slack_is_down["value"] = False
    restarted = slack_daemon()
    # The retry after the restart waits out the backoff the failed attempts earned (full jitter, up to 60 s
    # after several), so allow it that long on a loaded machine.
    assert wait_until(lambda: any(m["text"].startswith("Welcome to Slackers, @dana!") for m in accepted),
                      timeout=75.0), restarted.output[-20:]
    assert restarted.stop() == 0
    listing = run_cli("outbox", "list", "--config", str(tmp_path / "slack.yaml"), "--state-dir", str(state_dir),
                      cwd=tmp_path).stdout
    assert "Queued: 0" in listing and "Dead letters: 0" in listing
