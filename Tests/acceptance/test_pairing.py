"""Pairing end to end: members join through the playground, the coffee cadence runs a round on an injected clock,
intros arrive as DMs, and the "did you meet?" buttons work. Each daemon start is a restart: nothing runs twice."""

import textwrap
import time

from conftest import REPO, wait_for

MEMBERS = ["ana", "ben", "cy", "dee", "eli"]


def write_config(tmp_path):
    (tmp_path / "convener.yaml").write_text(textwrap.dedent(f"""\
        communities:
          - name: Test Community
            convenors: ["convenor"]
        pairing:
          follow_up_days: 1
          programs:
            - id: coffee
              kind: coffee
              cadence: "0 9 * * MON"
        """))


def dms(daemon, member, containing):
    items = daemon.timeline(member)["items"]
    return [item["message"] for item in items if item["where"] == "dm" and containing in item["message"]["text"]]


def test_a_cadence_round_introduces_everyone_once_and_asks_if_they_met(make_daemon, tmp_path):
    write_config(tmp_path)
    # Sunday: members join; the first tick starts the program's rhythm, no round yet.
    sunday = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-04T12:00:00Z"}).start()
    for member in MEMBERS:
        reply = sunday.say(member, "/cop pair join --interests testing,ci --tz Europe/Berlin")[0]
        assert reply["text"].startswith("You're in!"), reply
    status = sunday.say("ana", "/cop pair status")[0]["text"]
    assert "Next coffee round: 2026-01-05" in status
    time.sleep(2.5)
    assert not dms(sunday, "ana", "you are meeting")
    assert sunday.stop() == 0

    # Monday 09:00:05, after a restart: exactly one round; 5 members give two groups, one of them a trio.
    monday = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-05T09:00:05Z"}).start()
    assert wait_for(lambda: all(dms(monday, member, "you are meeting") for member in MEMBERS), timeout=20)
    time.sleep(2.5)
    intros = {member: dms(monday, member, "you are meeting") for member in MEMBERS}
    assert all(len(found) == 1 for found in intros.values()), intros
    for member, (intro,) in intros.items():
        assert "Coffee round 1" in intro["text"]
        assert "Why you were paired: you share an interest in testing and ci" in intro["text"]
        assert "A first question to get you started:" in intro["text"]
    trio_members = [m for m, (intro,) in intros.items() if " and @" in intro["text"].split("\n")[0]]
    assert len(trio_members) == 3, intros
    assert monday.stop() == 0

    # Tuesday, another restart: no second round, and "did you meet?" arrives with Yes/No buttons.
    tuesday = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-06T09:00:10Z"}).start()
    assert wait_for(lambda: all(dms(tuesday, member, "Did you get to meet") for member in MEMBERS), timeout=20)
    # The timeline lives in memory, so Tuesday's shows only what was delivered since: an intro at most once (if
    # Monday stopped between delivering it and recording that), and never one of a second round.
    assert all(len(dms(tuesday, member, "you are meeting")) <= 1 for member in MEMBERS)
    assert not any("Coffee round 2" in m["text"] for member in MEMBERS for m in dms(tuesday, member, "you are"))
    question = dms(tuesday, "ana", "Did you get to meet")[0]
    buttons = {action["label"]: action["id"] for action in question["actions"]}
    assert buttons == {"Yes, we met": "pair.met.1.yes", "Not this time": "pair.met.1.no"}
    thanks = tuesday.click("ana", question["id"], "pair.met.1.yes")[0]
    assert "thanks for telling us" in thanks["text"].lower()
    again = tuesday.click("ana", question["id"], "pair.met.1.yes")[0]
    assert "already answered" in again["text"]
    me = tuesday.say("ana", "/cop me")[0]["text"]
    assert "Pairing rounds you were in: 1 (coffee" in me
    assert tuesday.stop() == 0


def test_join_leave_pause_and_not_answer_privately(daemon):
    joined = daemon.say("fay", "/cop pair join --role mentee --interests swift")[0]
    assert joined["ephemeral"] is True and "Role: mentee" in joined["text"]
    assert "until" in daemon.say("fay", "/cop pair pause 2w")[0]["text"]
    assert "Welcome back" in daemon.say("fay", "/cop pair resume")[0]["text"]
    daemon.say("gus", "hello")
    assert "never be paired with @gus" in daemon.say("fay", "/cop pair not @gus")[0]["text"]
    assert "will not be paired" in daemon.say("fay", "/cop pair leave")[0]["text"]
    assert "You left pairing." in daemon.say("fay", "/cop pair status")[0]["text"]
