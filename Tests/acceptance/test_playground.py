"""The walking skeleton end to end: the real daemon, driven through the playground API."""

import json
import signal

from conftest import run_cli


def only_reply(replies):
    assert len(replies) == 1, replies
    return replies[0]


def test_health_and_readiness(daemon):
    assert daemon.request("GET", "/healthz")[0] == 200
    status, body, _ = daemon.request("GET", "/readyz")
    assert status == 200 and json.loads(body)["status"] == "ready"


def test_help_lists_commands_privately(daemon):
    reply = only_reply(daemon.say("alice", "/cop help"))
    assert reply["ephemeral"] is True
    for command in ("poll", "kudos", "pair", "feedback", "me"):
        assert command in reply["text"]


def test_help_topic_shows_usage(daemon):
    reply = only_reply(daemon.say("alice", "/cop help poll"))
    assert "/cop poll" in reply["text"]
    assert "--anonymous" in reply["text"]


def test_help_unknown_topic_names_the_topics(daemon):
    reply = only_reply(daemon.say("alice", "/cop help nonsense"))
    assert "nonsense" in reply["text"] and "kudos" in reply["text"]


def test_me_shows_what_is_stored(daemon):
    assert daemon.say("alice", "hello everyone") == []
    daemon.say("alice", "second message")
    reply = only_reply(daemon.say("alice", "/cop me"))
    assert reply["ephemeral"] is True
    assert "playground:alice" in reply["text"]
    assert "2 messages" in reply["text"]
    assert "1 command" in reply["text"]


def test_me_export_is_json(daemon):
    daemon.say("bob", "hi")
    text = only_reply(daemon.say("bob", "/cop me export"))["text"]
    document = json.loads(text.split("```")[1])
    assert document["id"] == "playground:bob"
    assert document["activity"]["messages"] == 1


def test_me_forget_asks_then_deletes(daemon):
    daemon.say("carol", "hi")
    question = only_reply(daemon.say("carol", "/cop me forget"))
    actions = {action["label"]: action["id"] for action in question["actions"]}
    assert len(actions) == 2
    confirm = next(action_id for label, action_id in actions.items() if label.lower().startswith("yes"))
    done = only_reply(daemon.click("carol", question["id"], confirm))
    assert "deleted" in done["text"]
    fresh = only_reply(daemon.say("carol", "/cop me"))["text"]
    assert "0 messages" in fresh


def test_parse_errors_name_the_problem_and_usage(daemon):
    reply = only_reply(daemon.say("alice", '/cop poll "Lunch?" "Pizza"'))
    assert reply["ephemeral"] is True
    assert "Usage:" in reply["text"]
    typo = only_reply(daemon.say("alice", "/cop kudoz @bob thanks"))
    assert "kudos" in typo["text"]


def test_convenor_only_commands(daemon):
    refused = only_reply(daemon.say("alice", "/cop digest preview"))
    assert "convenor" in refused["text"].lower()
    allowed = only_reply(daemon.say("convenor", "/cop digest preview"))
    assert allowed["text"].startswith("🗞️ Round-up of")


def test_member_messages_reach_the_channel_timeline(daemon):
    daemon.say("alice", "good morning")
    page = daemon.timeline("bob")
    messages = [item["message"] for item in page["items"] if item["where"] == "channel"]
    assert any(m.get("author") == "alice" and m["text"] == "good morning" for m in messages)
    assert page["next"] >= page["items"][-1]["seq"]
    assert daemon.timeline("bob", after=page["next"])["items"] == []


def test_ephemeral_replies_stay_out_of_the_timeline(daemon):
    daemon.say("alice", "/cop help")
    assert all(not item["message"]["ephemeral"] for item in daemon.timeline("alice")["items"])


def test_the_page_is_self_contained(daemon):
    status, body, headers = daemon.request("GET", "/playground")
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    html = body.decode()
    assert "<html" in html.lower() and "/api/" in html and "'messages'" in html and "'timeline?member='" in html
    assert 'src="http' not in html and 'href="http' not in html


def test_bad_requests_are_refused_and_nothing_breaks(daemon):
    assert daemon.request("GET", "/no/such/route")[0] == 404
    status, body, _ = daemon.request("POST", "/playground/api/messages", raw=b"{not json")
    assert status == 400 and "JSON" in json.loads(body)["error"]["message"]
    status, body, _ = daemon.request("POST", "/playground/api/messages", body={"member": "alice"})
    assert status == 400 and "text" in json.loads(body)["error"]["message"]
    status, body, _ = daemon.request("POST", "/playground/api/messages", body={"member": "<b>", "text": "hi"})
    assert status == 400 and "member" in json.loads(body)["error"]["message"]
    status, _, _ = daemon.request("POST", "/playground/api/messages", raw=b"x" * (1024 * 1024 + 1))
    assert status == 413
    status, _, _ = daemon.request("GET", "/playground/api/timeline?member=alice&after=-3")
    assert status == 400
    status, _, _ = daemon.request("POST", "/playground/api/messages", body={"member": "alice", "text": "/unknown"})
    assert status == 400
    assert daemon.request("GET", "/healthz")[0] == 200
    assert only_reply(daemon.say("alice", "/cop me"))["text"].count("0 messages") == 1


def test_sigterm_drains_flushes_and_exits_zero(make_daemon):
    daemon = make_daemon().start()
    for n in range(5):
        daemon.say("dora", f"message {n}")
    assert daemon.stop(signal.SIGTERM) == 0
    assert "Convener stopped cleanly." in daemon.output
    again = make_daemon().start()
    assert "5 messages" in only_reply(again.say("dora", "/cop me"))["text"]
    assert again.stop(signal.SIGINT) == 0


def test_start_up_prints_where_everything_is(daemon, state_dir):
    text = "\n".join(daemon.output)
    assert "embedded defaults" in text
    assert "My Community" in text
    assert str(state_dir) in text
    assert "/playground" in text


def test_check_accepts_embedded_defaults(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert "embedded defaults" in result.stdout
