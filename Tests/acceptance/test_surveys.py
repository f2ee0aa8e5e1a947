"""Anonymous surveys and feedback through the playground API, closed by an accelerated clock, then a scan of
the state folder and the log for anything that puts a participant next to the survey."""

import functools
import json
import pathlib
import re
import time

import anonymity_scan
from conftest import wait_for as shared_wait_for

PARTICIPANTS = ["alice", "bob", "carol", "dave"]
EVERYONE = PARTICIPANTS + ["erin", "frank"]
SURVEY = re.compile(r"\bS1\b")


wait_for = functools.partial(shared_wait_for, timeout=30.0)


def texts(daemon, member, where):
    return [item["message"]["text"] for item in daemon.timeline(member)["items"] if item["where"] == where]


def survey_form(daemon, member):
    for item in daemon.timeline(member)["items"]:
        form = item["message"].get("form")
        if item["where"] == "dm" and form and form["id"] == "survey.S1":
            return form
    return None


def submit(daemon, member, values):
    status, answer = daemon.post("/playground/api/forms", {"member": member, "form": "survey.S1", "values": values})
    assert status == 200, answer
    return answer["replies"][0]["text"]


def answers(belonging, change=None):
    values = {"belonging": str(belonging), "safety": "5", "rhythm": ["about-right"],
              "helps": ["mentoring", "kudos"]}
    if change:
        values["change"] = change
    return values


def is_invitation(node):
    """Invitations are identical for every member, answered or not, so they link nobody to an answer."""
    return isinstance(node, dict) and isinstance(node.get("form"), dict) and node["form"].get("id") == "survey.S1"


def scan_state_folder(state_dir, ids):
    return anonymity_scan.scan_state_folder(state_dir, ids, SURVEY, exempt=is_invitation)


def test_survey_lifecycle_anonymity_and_scan(make_daemon, state_dir):
    # 20 simulated minutes per second: the 4-hour survey closes about 12 seconds after it opens.
    daemon = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-11-24T09:00:00Z,1200"}).start()
    for member in EVERYONE:
        daemon.say(member, "hello")
    assert "Only the convenors" in daemon.say("alice", "/cop survey start community-health")[0]["text"]
    assert "at least 3" in daemon.say("convenor", "/cop survey start community-health --k 2")[0]["text"]
    opened = daemon.say("convenor", "/cop survey start community-health --k 3 --closes 4h")[0]["text"]
    assert "Opened survey S1" in opened

    assert wait_for(lambda: survey_form(daemon, "alice") is not None), "the survey DM never arrived"
    form = survey_form(daemon, "alice")
    assert [field["kind"] for field in form["fields"]] == ["scale", "scale", "single", "multi", "textarea"]

    invalid = submit(daemon, "erin", {**answers(4), "belonging": "9", "rhythm": ["sometimes"]})
    assert "belonging: pick one number from 1 to 5" in invalid and "rhythm:" in invalid
    for index, member in enumerate(PARTICIPANTS):
        assert "Thank you" in submit(daemon, member, answers(index + 2, change=f"idea number {index}"))
    assert "already answered" in submit(daemon, "alice", answers(1))

    interim = daemon.say("convenor", "/cop survey results S1")[0]["text"]
    assert "Survey S1" in interim and "shown once, when it closes" in interim
    assert "Average" not in interim and "idea number" not in interim, "results were shown before close"
    assert "Only convenors" in daemon.say("bob", "/cop survey results S1")[0]["text"]

    channel = lambda: texts(daemon, "observer", "channel")
    assert wait_for(lambda: any("has closed with 4 responses" in t for t in channel()), timeout=40)
    posted = next(t for t in channel() if "has closed with 4 responses" in t)
    assert "Average" in posted and "idea number 0" in posted and "idea number 3" in posted
    assert "closed" in daemon.say("convenor", "/cop survey list")[0]["text"]
    assert "has closed" in submit(daemon, "erin", answers(3))
    assert daemon.stop() == 0

    ids = [f"playground:{member}" for member in PARTICIPANTS]
    assert scan_state_folder(state_dir, ids) == []
    log = [line for line in daemon.output if SURVEY.search(line) and any(i in line for i in ids + PARTICIPANTS)]
    assert log == [], "log lines name a participant next to the survey"


def test_feedback_batches_reach_the_convenor_and_one_reply_goes_to_the_channel(make_daemon):
    daemon = make_daemon().start()
    for index, member in enumerate(EVERYONE[:5]):
        receipt = daemon.say(member, f"/cop feedback anonymous thought {index}")[0]
        assert receipt["ephemeral"] and "without your name" in receipt["text"]
    assert wait_for(lambda: any("anonymous notes" in t for t in texts(daemon, "convenor", "dm")))
    item = next(i for i in daemon.timeline("convenor")["items"] if "anonymous notes" in i["message"]["text"])
    batch = item["message"]
    assert all(f"anonymous thought {n}" in batch["text"] for n in range(5))
    assert not any(name in batch["text"] for name in EVERYONE[:5])
    action = batch["actions"][0]["id"]
    assert "Only convenors" in daemon.click("alice", batch["id"], action)[0]["text"]
    form = daemon.click("convenor", batch["id"], action)[0]["form"]
    status, answer = daemon.post(
        "/playground/api/forms", {"member": "convenor", "form": form["id"], "values": {"reply": "Thank you all!"}})
    assert status == 200, answer
    assert wait_for(lambda: any("Re: your feedback" in t and "Thank you all!" in t
                                for t in texts(daemon, "observer", "channel")))
    assert daemon.stop() == 0
