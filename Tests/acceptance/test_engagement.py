"""Engagement end to end through the playground: kudos, the roster, the round-up, stats and member data."""

import json
import pathlib
import time


def public(replies):
    return [reply for reply in replies if not reply["ephemeral"]]


def private(replies):
    return [reply for reply in replies if reply["ephemeral"]]


def test_kudos_are_shouted_out_with_a_daily_allowance(daemon):
    daemon.say("bob", "hi all")
    replies = daemon.say("alice", "/cop kudos @bob for the clear demo")
    shout = public(replies)
    assert len(shout) == 1 and shout[0]["text"].startswith("🎉 Kudos to @bob from @alice: for the clear demo"), replies
    # Both members are structured mentions the page highlights; offsets count UTF-16 units, as JavaScript does.
    assert shout[0]["mentions"] == [{"member": "bob", "offset": 12, "length": 4},
                                    {"member": "alice", "offset": 22, "length": 6}]
    assert "4 kudos left today" in private(replies)[0]["text"]
    for index in range(4):
        assert public(daemon.say("alice", f"/cop kudos @bob thanks again {index}"))
    refused = daemon.say("alice", "/cop kudos @bob one more")
    assert public(refused) == []
    assert "You've given all 5 kudos for today" in refused[0]["text"]
    own = daemon.say("bob", "/cop kudos @bob for me")
    assert public(own) == [] and "Kudos are for thanking someone else" in own[0]["text"]
    bare = daemon.say("bob", "/cop kudos @alice")
    assert public(bare) == [] and "Usage: /cop kudos @member WHY" in bare[0]["text"]


def test_roster_join_and_who(daemon):
    joined = daemon.say("alice", "/cop roster join")
    assert "You're on the facilitator roster" in private(joined)[0]["text"]
    daemon.say("bob", "/cop roster join")
    again = daemon.say("bob", "/cop roster join")
    assert "already on the facilitator roster" in again[0]["text"]
    who = private(daemon.say("carol", "/cop roster who"))[0]["text"]
    assert "@alice" in who and "@bob" in who and "Turns so far: @alice 0, @bob 0." in who


def test_digest_preview_for_convenors(daemon):
    daemon.say("bob", "hello")
    daemon.say("alice", "/cop kudos @bob for the onboarding notes")
    refused = daemon.say("alice", "/cop digest preview")
    assert "Only the convenors" in refused[0]["text"]
    replies = daemon.say("convenor", "/cop digest preview")
    assert len(replies) == 1 and replies[0]["ephemeral"] is True
    text = replies[0]["text"]
    assert text.startswith("🗞️ Round-up of ")
    assert "Welcome to our new members:" in text and "@bob" in text
    assert "🙌 Kudos given: 1" in text and "“for the onboarding notes”" in text


def test_stats_are_for_convenors_and_aggregate(daemon):
    daemon.say("alice", "hello")
    assert "Only the convenors" in daemon.say("alice", "/cop stats")[0]["text"]
    text = daemon.say("convenor", "/cop stats")[0]["text"]
    assert "at a glance (aggregates only)" in text and "Members:" in text
    assert "playground:" not in text


def test_me_export_and_forget_leave_no_trace_in_the_state_folder(daemon, state_dir):
    daemon.say("dora", "hi, I'm new")
    birthday = daemon.say("dora", "/cop me birthday 12-24")
    assert "December 24" in birthday[0]["text"]
    daemon.say("alice", "/cop kudos @dora for the great first question")
    daemon.say("dora", "/cop kudos @alice for the warm welcome")
    daemon.say("dora", "/cop roster join")
    summary = daemon.say("dora", "/cop me")[0]["text"]
    assert "birthday: 12-24" in summary and "kudos received (last 90 days): 1" in summary
    assert "facilitator roster: on it" in summary
    exported = daemon.say("dora", "/cop me export")[0]["text"]
    document = json.loads(exported.split("```")[1])
    assert document["id"] == "playground:dora"
    assert document["engagement"]["birthday"] == "12-24"
    assert document["engagement"]["kudosReceived"][0]["reason"] == "for the great first question"

    question = daemon.say("dora", "/cop me forget")[0]
    confirm = next(action["id"] for action in question["actions"] if action["label"].lower().startswith("yes"))
    done = daemon.click("dora", question["id"], confirm)
    assert "deleted" in done[0]["text"]

    def traces():
        found = []
        for path in pathlib.Path(state_dir).rglob("*"):
            if path.is_file() and b"playground:dora" in path.read_bytes():
                found.append(str(path))
        return found

    deadline = time.monotonic() + 10
    while traces() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert traces() == []
    # The kudos Alice gave stays hers, thanking "a member"; Dora's own kudos to Alice are gone.
    alice = daemon.say("alice", "/cop me")[0]["text"]
    assert "to a member" in alice
    assert "for the warm welcome" not in alice
