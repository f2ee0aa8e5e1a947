"""Slack, Mattermost and Discord requests, signed by the platforms' own libraries, against the real daemon."""

import json
import time
import urllib.parse

import nacl.signing
import pytest
from discord_interactions import verify_key
from slack_bolt.middleware.request_verification import RequestVerification
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from conftest import run_cli

SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
MATTERMOST_TOKEN = "mm-command-token"
DISCORD_KEY = nacl.signing.SigningKey(bytes(range(32)))
DISCORD_PUBLIC_HEX = DISCORD_KEY.verify_key.encode().hex()


@pytest.fixture
def platform_daemon(make_daemon):
    return make_daemon(env={
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "MATTERMOST_COMMAND_TOKEN": MATTERMOST_TOKEN,
        "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX,
    }).start()


def slack_command(text, user="U0SLACK1", trigger="13345224609.738474920.8088930838d88f008e0"):
    return urllib.parse.urlencode({
        "token": "deprecated", "team_id": "T0001", "team_domain": "example", "channel_id": "C2147483705",
        "channel_name": "general", "user_id": user, "user_name": "alice", "command": "/cop", "text": text,
        "api_app_id": "A123456", "response_url": "https://hooks.slack.com/commands/1234/5678",
        "trigger_id": trigger,
    }).encode()


def slack_headers(body, timestamp=None, secret=SLACK_SECRET):
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature,
               "Content-Type": "application/x-www-form-urlencoded"}
    return headers


def bolt_accepts(body, headers):
    """slack_bolt's own request verification, as a second opinion on our signing."""
    request = BoltRequest(body=body.decode(), headers={k.lower(): [v] for k, v in headers.items()})
    response = RequestVerification(SLACK_SECRET).process(
        req=request, resp=BoltResponse(status=404), next=lambda: BoltResponse(status=200))
    return response.status == 200


def stored_members(daemon, state_dir, tmp_path):
    assert daemon.stop() == 0
    exported = json.loads(run_cli("state", "export", "--state-dir", str(state_dir), cwd=tmp_path).stdout)
    return exported["state"]["members"]


def test_a_signed_slack_command_is_answered_privately(platform_daemon):
    body = slack_command("help")
    headers = slack_headers(body)
    assert SignatureVerifier(SLACK_SECRET).is_valid_request(body, headers)
    assert bolt_accepts(body, headers)
    status, data, _ = platform_daemon.request("POST", "/slack/commands", raw=body, headers=headers)
    assert status == 200, data
    answer = json.loads(data)
    assert answer["response_type"] == "ephemeral"
    assert "poll" in json.dumps(answer)


def test_forged_tampered_stale_and_replayed_slack_requests_change_nothing(platform_daemon, state_dir, tmp_path):
    body = slack_command("me", user="U0FORGED")
    forged = slack_headers(body, secret="not-the-secret")
    assert not bolt_accepts(body, forged)
    assert platform_daemon.request("POST", "/slack/commands", raw=body, headers=forged)[0] == 401
    tampered = slack_headers(slack_command("help", user="U0FORGED"))
    assert platform_daemon.request("POST", "/slack/commands", raw=body, headers=tampered)[0] == 401
    stale = slack_headers(body, timestamp=int(time.time()) - 301)
    assert platform_daemon.request("POST", "/slack/commands", raw=body, headers=stale)[0] == 401
    assert platform_daemon.request("POST", "/slack/commands", raw=body, headers={})[0] == 401
    fine_body = slack_command("me", user="U0REAL", trigger="1.2.3")
    fine = slack_headers(fine_body)
    assert platform_daemon.request("POST", "/slack/commands", raw=fine_body, headers=fine)[0] == 200
    assert platform_daemon.request("POST", "/slack/commands", raw=fine_body, headers=fine)[0] == 401
    members = stored_members(platform_daemon, state_dir, tmp_path)
    assert "slack:U0REAL" in members
    assert members["slack:U0REAL"]["activity"]["commands"] == 1
    assert not any("FORGED" in member for member in members)


def test_slack_events_url_check_and_retries_count_once(platform_daemon, state_dir, tmp_path):
    challenge = json.dumps({"token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                            "type": "url_verification"}).encode()
    status, data, _ = platform_daemon.request("POST", "/slack/events", raw=challenge, headers=slack_headers(challenge))
    assert status == 200 and b"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in data
    event = json.dumps({
        "token": "x", "team_id": "T0001", "api_app_id": "A123456", "type": "event_callback",
        "event_id": "Ev0PV52K21", "event_time": int(time.time()),
        "event": {"type": "message", "channel": "C2147483705", "user": "U0EVENTS", "text": "Hello world",
                  "ts": "1355517523.000005", "channel_type": "channel"},
    }).encode()
    assert platform_daemon.request("POST", "/slack/events", raw=event, headers=slack_headers(event))[0] == 200
    time.sleep(1.1)  # Slack re-signs a retry with a new timestamp
    retry = slack_headers(event)
    retry["X-Slack-Retry-Num"] = "1"
    assert platform_daemon.request("POST", "/slack/events", raw=event, headers=retry)[0] == 200
    members = stored_members(platform_daemon, state_dir, tmp_path)
    assert members["slack:U0EVENTS"]["activity"]["messages"] == 1


def discord_request(daemon, payload, key=DISCORD_KEY, timestamp=None):
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = key.sign(timestamp.encode() + body).signature.hex()
    if key is DISCORD_KEY:
        assert verify_key(body, signature, timestamp, DISCORD_PUBLIC_HEX)
    headers = {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp}
    return daemon.request("POST", "/discord/interactions", raw=body, headers=headers)


def test_discord_ping_command_and_forgeries(platform_daemon):
    status, data, _ = discord_request(platform_daemon, {"id": "1", "application_id": "2", "type": 1, "token": "t",
                                                       "version": 1})
    assert status == 200 and json.loads(data)["type"] == 1
    command = {
        "id": "1100", "application_id": "2", "type": 2, "token": "tok", "version": 1, "guild_id": "5",
        "channel_id": "6", "member": {"user": {"id": "80351110224678912", "username": "alice", "global_name": "Alice"}},
        "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": "help"}]},
    }
    status, data, _ = discord_request(platform_daemon, command)
    answer = json.loads(data)
    assert status == 200 and answer["type"] == 4 and answer["data"]["flags"] & 64
    assert "poll" in json.dumps(answer)
    impostor = nacl.signing.SigningKey(bytes(range(1, 33)))
    assert discord_request(platform_daemon, dict(command, id="1101"), key=impostor)[0] == 401
    assert discord_request(platform_daemon, dict(command, id="1102"), timestamp=int(time.time()) - 400)[0] == 401


def test_mattermost_command_token(platform_daemon):
    form = urllib.parse.urlencode({
        "token": MATTERMOST_TOKEN, "team_id": "t1", "team_domain": "team", "channel_id": "c1",
        "channel_name": "town-square", "user_id": "u1abcdefghijklmnopqrstuvwx", "user_name": "alice",
        "command": "/cop", "text": "help", "response_url": "http://mm.example/hooks/commands/x",
        "trigger_id": "trig",
    }).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Token {MATTERMOST_TOKEN}"}
    status, data, _ = platform_daemon.request("POST", "/mattermost/commands", raw=form, headers=headers)
    assert status == 200, data
    assert json.loads(data)["response_type"] == "ephemeral"
    wrong = form.replace(MATTERMOST_TOKEN.encode(), b"wrong-token")
    status, _, _ = platform_daemon.request("POST", "/mattermost/commands", raw=wrong,
                                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 401


def test_platform_routes_are_absent_without_secrets(daemon):
    assert daemon.request("POST", "/slack/commands", raw=b"x=1")[0] == 404
    assert daemon.request("POST", "/discord/interactions", raw=b"{}")[0] == 404
