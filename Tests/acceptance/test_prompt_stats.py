"""What members respond to: Slack-signed thread replies and reactions to a posted prompt show up in
`/cop prompt stats`, in the trends API and on the trends page.

The events are shaped as Slack's Events API sends them (docs.slack.dev/reference/events/message: a thread reply
is a plain `message` whose `thread_ts` is the parent's `ts`; reference/events/reaction_added: `item.ts`), signed
with slack_sdk's SignatureVerifier and checked by slack_bolt's own request verification. The prompt reaches a
fake Slack Web API whose `chat.postMessage` answers with a fresh `ts`, as Slack does.
"""

import itertools
import json
import time

import pytest
from werkzeug import Response

from conftest import wait_for
from test_matrix import world  # noqa: F401  (the fixture of a Matrix community on a real Synapse)
from test_platforms import SLACK_SECRET, bolt_accepts, slack_command, slack_headers

TOKEN = "xoxb-test-token"
ADMIN = "prompt-stats-admin"
AUTH = {"Authorization": f"Bearer {ADMIN}"}
CONVENOR = "U0CONVENOR"


@pytest.fixture
def prompted(make_daemon, httpserver, tmp_path):
    """A Slack community whose convenor posted a prompt; yields the daemon and the prompt's Slack `ts`."""
    config = tmp_path / "slack.yaml"
    config.write_text(
        "communities:\n"
        "  - name: Slackers\n"
        "    slack_channel: C0CHANNEL1\n"
        f"    convenors: ['slack:{CONVENOR}']\n"
        "prompts:\n"
        "  answer_window_days: 7\n")
    numbers = itertools.count(1)
    posts = []

    def post_message(request):
        message = json.loads(request.get_data())
        ts = f"1767600000.{next(numbers):06d}"
        posts.append((message, ts))
        return Response(json.dumps({"ok": True, "channel": message["channel"], "ts": ts}), status=200,
                        content_type="application/json")

    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(post_message)
    daemon = make_daemon(
        extra_args=["--config", str(config)],
        env={"SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_BOT_TOKEN": TOKEN, "CONVENER_ADMIN_TOKEN": ADMIN,
             "SLACK_API_BASE_URL": httpserver.url_for("/api")},
    ).start()
    answer = command(daemon, "prompt now", trigger="1.1.1")
    assert "Posted the next 'reflection' prompt" in answer["text"], answer
    prompt = wait_for(lambda: next((ts for message, ts in posts if message["text"].startswith("💬")), None))
    assert prompt, posts
    # The prompt's place on Slack is recorded once it has left the outbox.
    assert wait_for(lambda: health(daemon)["outbox"] == 0)
    yield daemon, prompt


def command(daemon, text, trigger):
    body = slack_command(text, user=CONVENOR, trigger=trigger)
    status, data, _ = daemon.request("POST", "/slack/commands", raw=body, headers=slack_headers(body))
    assert status == 200, data
    return json.loads(data)


def health(daemon):
    status, body, _ = daemon.request("GET", "/dashboard/api/health", headers=AUTH)
    assert status == 200, body
    return json.loads(body)["communities"][0]


def send_event(daemon, event_id, event, retry=None):
    body = json.dumps({
        "token": "x", "team_id": "T0001", "api_app_id": "A123456", "type": "event_callback",
        "event_id": event_id, "event_time": 1767600000, "event": event,
    }).encode()
    headers = slack_headers(body)
    headers["Content-Type"] = "application/json"
    if retry is not None:
        headers["X-Slack-Retry-Num"] = str(retry)
    assert bolt_accepts(body, headers)
    status, data, _ = daemon.request("POST", "/slack/events", raw=body, headers=headers)
    assert status == 200, data


def thread_reply(user, ts, thread_ts, text="In my team we…"):
    return {"type": "message", "channel": "C0CHANNEL1", "user": user, "text": text, "ts": ts,
            "thread_ts": thread_ts, "parent_user_id": "U0CONVENERBOT", "event_ts": ts, "channel_type": "channel"}


def reaction(user, item_ts, emoji="tada"):
    return {"type": "reaction_added", "user": user, "reaction": emoji, "item_user": "U0CONVENERBOT",
            "item": {"type": "message", "channel": "C0CHANNEL1", "ts": item_ts}, "event_ts": "1767600100.000001"}


def test_thread_replies_and_reactions_to_a_prompt_show_in_prompt_stats(prompted):
    daemon, prompt = prompted
    members = [f"U0MEMBER{n}" for n in range(6)]
    for n, user in enumerate(members):
        send_event(daemon, f"EvReply{n}", thread_reply(user, f"1767600200.{n:06d}", prompt))
    # A second reply by the same member is a reply, not another answerer.
    send_event(daemon, "EvReplyAgain", thread_reply(members[0], "1767600300.000001", prompt, "And also…"))
    # Slack retries an event with the same id, signed anew: it counts once.
    time.sleep(1.1)
    send_event(daemon, "EvReplyAgain", thread_reply(members[0], "1767600300.000001", prompt, "And also…"), retry=1)
    send_event(daemon, "EvReaction1", reaction(members[1], prompt))
    send_event(daemon, "EvReaction2", reaction(members[2], prompt, "bulb"))
    # A reply in another thread and a top-level message are not answers to the prompt.
    send_event(daemon, "EvOther", thread_reply(members[3], "1767600400.000001", "1767599999.000001"))
    send_event(daemon, "EvTop", {"type": "message", "channel": "C0CHANNEL1", "user": members[4], "text": "hi",
                                 "ts": "1767600500.000001", "channel_type": "channel"})

    def stats():
        return command(daemon, "prompt stats", trigger=f"2.2.{time.monotonic_ns()}")["text"]

    text = wait_for(lambda: (lambda t: t if "7 replies" in t else None)(stats()))
    assert text, stats()
    # Slack's text escapes "<" as "&lt;" (docs.slack.dev, formatting: escaping text).
    assert "• reflection: 1 prompt, 7 replies, &lt; 5 reactions, 6 answerers, response rate 6.0" in text
    assert "U0MEMBER" not in text

    status, body, _ = daemon.request("GET", "/dashboard/api/trends?weeks=1", headers=AUTH)
    assert status == 200
    community = json.loads(body)["communities"][0]
    week = community["weeks"][-1]
    assert week["promptReplies"] == 7 and week["promptAnswerers"] == 6 and week["promptReactions"] == "< 5"
    assert community["prompts"]["rows"] == [{
        "theme": "reflection", "posted": 1, "replies": 7, "reactions": "< 5", "answerers": 6, "responseRate": 6.0,
    }]
    status, body, _ = daemon.request("GET", "/dashboard/trends?weeks=1", headers=AUTH)
    page = body.decode()
    assert status == 200 and "What members respond to" in page
    assert "<th scope=\"row\">reflection</th><td>1</td><td>7</td><td>&lt; 5</td><td>6</td><td>6.0</td>" in page
    assert "U0MEMBER" not in page
    assert daemon.stop() == 0


def test_members_may_not_see_prompt_stats(prompted):
    daemon, _ = prompted
    body = slack_command("prompt stats", user="U0MEMBER9", trigger="3.3.3")
    status, data, _ = daemon.request("POST", "/slack/commands", raw=body, headers=slack_headers(body))
    assert status == 200
    assert "Only the convenors of Slackers" in json.loads(data)["text"]


def test_matrix_thread_replies_and_reactions_to_a_prompt_count_against_a_real_synapse(world):
    """The same on Matrix, against a real Synapse: members answer in the prompt's thread (`m.thread` with the
    `m.in_reply_to` fallback, as Element sends it) and react with `m.annotation`."""
    names = ("alice", "bob", "carol", "dave", "erin", "fred")
    w = world(names=names).start().bot_joined()
    answerers = [w.members[name] for name in names[1:]]
    for member in answerers:
        member.join(w.room)
    w.alice.say(w.room, "!cop prompt now")
    prompt = wait_for(lambda: next((event for _, event in w.replies(w.alice, w.room)
                                    if event["content"]["body"].startswith("💬")), None), timeout=20)
    assert prompt, [event["content"]["body"] for _, event in w.replies(w.alice)]
    # The prompt's event id is recorded as soon as Synapse has accepted it; give the daemon a moment to journal it.
    assert wait_for(lambda: any(prompt["event_id"] in json.dumps(p.get("locations", []))
                                for p in w.state().get("prompts", {}).get("open", [])), timeout=10)
    for member in answerers:
        member.say(w.room, "Here is what I think", thread=prompt["event_id"])
    answerers[0].react(w.room, prompt["event_id"], "👍")
    answerers[1].say(w.room, "A message outside the thread")

    def running():
        return w.state()["analytics"]["running"]

    assert wait_for(lambda: running().get("promptReplies") == 5 and running().get("promptReactions") == 1,
                    timeout=20), running()
    assert running()["promptAnswerers"] == 5
    w.alice.say(w.room, "!cop prompt stats")
    stats = wait_for(lambda: next((event["content"]["body"] for _, event in w.replies(w.alice)
                                   if "What members respond to" in event["content"]["body"]), None), timeout=20)
    assert stats and "reflection: 1 prompt, 5 replies, < 5 reactions, 5 answerers, response rate 5.0" in stats, stats
