"""Polls end to end through the playground API: buttons, live edits in place, closing, deadlines across restarts,
anonymity in the state folder, and the CSV export."""

import json
import pathlib
import re
import time

import anonymity_scan
from conftest import run_cli, wait_for


def channel(daemon, member="observer"):
    return [item["message"] for item in daemon.timeline(member)["items"] if item["where"] == "channel"]


def message(daemon, message_id):
    return next((m for m in channel(daemon) if m["id"] == message_id), None)


def latest_version(daemon, message_id):
    """The newest text of a channel message: its last edit in the timeline, else the message itself."""
    versions = [m for m in channel(daemon) if m["id"] == message_id or m.get("updates") == message_id]
    return versions[-1] if versions else None


def only(replies):
    assert len(replies) == 1, replies
    return replies[0]


def export_state(state_dir, cwd):
    return json.loads(run_cli("state", "export", "--state-dir", str(state_dir), cwd=cwd).stdout)["state"]


def test_poll_lifecycle_with_buttons_live_results_and_close(make_daemon, state_dir, tmp_path):
    daemon = make_daemon().start()
    created = only(daemon.say("alice", '/cop poll "Lunch?" "Pizza" "Sushi" "Salad"'))
    assert created["ephemeral"] is True and "Your poll P1 is posted" in created["text"]

    poll = wait_for(lambda: message(daemon, "poll.P1"))
    assert poll["text"].startswith("📊 Poll P1: Lunch?")
    assert [a["id"] for a in poll["actions"]] == ["poll.P1.vote.1", "poll.P1.vote.2", "poll.P1.vote.3"]
    assert [a["label"] for a in poll["actions"]] == ["Pizza", "Sushi", "Salad"]

    assert "is now: Pizza" in only(daemon.click("bob", "poll.P1", "poll.P1.vote.1"))["text"]
    daemon.click("carol", "poll.P1", "poll.P1.vote.1")
    daemon.click("dave", "poll.P1", "poll.P1.vote.2")
    changed = only(daemon.click("bob", "poll.P1", "poll.P1.vote.2"))
    assert changed["ephemeral"] is True and "is now: Sushi" in changed["text"]
    assert "took back your vote" in only(daemon.click("carol", "poll.P1", "poll.P1.vote.1"))["text"]

    # Each vote edits the poll message in place; the newest edit shows the counts after all clicks.
    def settled():
        latest = latest_version(daemon, "poll.P1")
        return latest if latest and "• Sushi: 2 (100%)" in latest["text"] else None

    live = wait_for(settled)
    assert live is not None, channel(daemon)
    assert live.get("updates") == "poll.P1" and "2 voters" in live["text"] and len(live["actions"]) == 3

    refused = only(daemon.say("bob", "/cop poll close P1"))["text"]
    assert "Only the person who started P1 or a convenor" in refused
    closed = only(daemon.say("alice", "/cop poll close P1"))["text"]
    assert closed.startswith("Closed P1")

    final = wait_for(lambda: message(daemon, "poll.P1.final"))
    assert final["updates"] == "poll.P1" and "(closed)" in final["text"] and final["actions"] == []
    post = wait_for(lambda: next((m for m in channel(daemon) if m["text"].startswith("📊 Poll P1 “")), None))
    assert post["text"] == "📊 Poll P1 “Lunch?” closed: Pizza 0 · Sushi 2 · Salad 0"

    late = only(daemon.click("erin", "poll.P1", "poll.P1.vote.1"))["text"]
    assert "is closed" in late
    assert "(closed)" in only(daemon.say("erin", "/cop poll results P1"))["text"]
    assert "Recently closed:\n• P1 “Lunch?”" in only(daemon.say("erin", "/cop poll list"))["text"]
    assert daemon.stop() == 0

    csv = run_cli("poll", "export", "P1", "--state-dir", str(state_dir), cwd=tmp_path).stdout
    assert csv.splitlines() == ["poll,question,option,votes", "P1,Lunch?,Pizza,0", "P1,Lunch?,Sushi,2",
                                "P1,Lunch?,Salad,0"]


def test_max_choices_and_hidden_results(make_daemon):
    daemon = make_daemon().start()
    daemon.say("convenor", '/cop poll "Topics?" "Testing" "Actors" "Macros" --max 2 --hidden')
    wait_for(lambda: message(daemon, "poll.P1"))
    daemon.click("bob", "poll.P1", "poll.P1.vote.1")
    daemon.click("bob", "poll.P1", "poll.P1.vote.3")
    refused = only(daemon.click("bob", "poll.P1", "poll.P1.vote.2"))["text"]
    assert "at most 2 options" in refused and "Testing, Macros" in refused
    daemon.click("carol", "poll.P1", "poll.P1.vote.3")
    hidden = only(daemon.say("convenor", "/cop poll results P1"))["text"]
    assert "stay hidden from everyone" in hidden and "Macros: 2" not in hidden
    time.sleep(1.0)
    assert not [m for m in channel(daemon) if m.get("updates") == "poll.P1"], "a hidden poll was edited while open"
    daemon.say("convenor", "/cop poll close P1")
    final = wait_for(lambda: message(daemon, "poll.P1.final"))
    assert "• Macros: 2 (100%)" in final["text"] and "• Testing: 1 (50%)" in final["text"]
    assert daemon.stop() == 0


def test_deadline_passing_while_running_closes_the_poll(make_daemon):
    # Sixty times real speed: a five-minute poll closes about five seconds after it opens.
    daemon = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-02T10:00:00Z,60"}).start()
    daemon.say("alice", '/cop poll "Quick?" "Yes" "No" --closes 5m')
    daemon.click("bob", "poll.P1", "poll.P1.vote.1")
    final = wait_for(lambda: message(daemon, "poll.P1.final"), timeout=30)
    assert final is not None and "(closed)" in final["text"] and "• Yes: 1 (100%)" in final["text"]
    assert daemon.stop() == 0


def test_anonymous_poll_closes_across_a_restart_and_leaves_no_token_behind(make_daemon, state_dir, tmp_path):
    first = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-02T10:00:00Z"}).start()
    first.say("alice", '/cop poll "Honest?" "Yes" "No" --anonymous --closes 10m')
    voters = {"bob": 1, "carol": 2, "dave": 1, "erin": 1, "frank": 2}
    for member, option in voters.items():
        reply = only(first.click(member, "poll.P1", f"poll.P1.vote.{option}"))
        assert reply["ephemeral"] is True and "nobody can see who voted for what" in reply["text"]
    assert first.stop() == 0

    before = export_state(state_dir, tmp_path)["polls"]["polls"]["P1"]
    assert before.get("closedAt") is None
    tokens = list(before["tokenChoices"].keys())
    key = before["key"]
    assert len(tokens) == len(voters) and before["counts"] == [3, 2]
    assert not any(f"playground:{member}" in json.dumps(before) for member in voters)

    # Back after the deadline: the first tick closes the poll, edits its message and the rule posts the results.
    second = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-02T10:11:00Z"}).start()
    final = wait_for(lambda: message(second, "poll.P1.final"), timeout=20)
    assert final is not None and "(closed)" in final["text"] and "• Yes: 3 (60%)" in final["text"]
    post = wait_for(lambda: next((m for m in channel(second) if m["text"].startswith("📊 Poll P1 “")), None))
    assert post["text"] == "📊 Poll P1 “Honest?” closed: Yes 3 · No 2"
    assert second.stop() == 0

    after = export_state(state_dir, tmp_path)["polls"]["polls"]["P1"]
    assert after["closedAt"] and after["counts"] == [3, 2] and after["voterCount"] == 5
    assert not after.get("tokenChoices") and "key" not in after and "creator" not in after
    # No file holds a voter's id next to the poll (the member list and engagement scores name no poll).
    voter_ids = [f"playground:{member}" for member in voters]
    assert anonymity_scan.scan_state_folder(state_dir, voter_ids, re.compile(r"\bP1\b")) == []
    # No log line names a voter together with the poll.
    for line in first.output + second.output:
        assert not ("P1" in line and any(f"playground:{member}" in line for member in voters)), line
    # The journal records that held the key and the tokens were compacted away: no file keeps them.
    needles = tokens + [key, key.replace("/", "\\/")]
    for path in pathlib.Path(state_dir).rglob("*"):
        if path.is_file():
            content = path.read_bytes().decode("utf-8", errors="replace")
            leaked = [needle for needle in needles if needle in content]
            assert not leaked, f"{path.name} still holds a token or the key"
