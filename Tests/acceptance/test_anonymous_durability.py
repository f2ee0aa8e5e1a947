"""Anonymous survey answers and feedback notes across kill -9: every acknowledged answer counts at close, every
acknowledged note reaches the convenors, nobody answers twice; afterwards nothing in the state folder or the log
holds the survey's key, a participation token, a pool file or a participant next to the survey."""

import base64
import functools
import hashlib
import hmac
import json
import os
import random
import re
import threading
import time
import http.client

import anonymity_scan
from conftest import run_cli, wait_for as shared_wait_for

KILL_CYCLES = max(10, int(os.environ.get("CONVENER_KILL_CYCLES", "50")) // 2)
MEMBERS = [f"m{n:04d}" for n in range(max(400, 16 * KILL_CYCLES))]
OPEN_CLOCK = "2026-11-24T09:00:00Z,1"
# Nine days later: the survey (open three days) closes and the notes' period (seven days) is over.
CLOSE_CLOCK = "2026-12-03T09:00:00Z,1"
SURVEY = re.compile(r"\bS1\b")


def config(tmp_path):
    path = tmp_path / "anonymous.yaml"
    path.write_text(
        "communities:\n  - name: Kill Test\n    convenors: [convenor]\n"
        # No batch of notes before the end, so the final daemon's timeline shows every note.
        "feedback:\n  batch_size: 100\n  period_days: 7\n")
    return ["--config", str(path)]


def answers(n):
    return {"belonging": str(n % 5 + 1), "safety": str((n // 5) % 5 + 1), "rhythm": ["about-right"],
            "helps": ["kudos"], "change": f"idea {n}"}


def post(port, path, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        return response.status, (json.loads(data) if data else None)
    finally:
        connection.close()


wait_for = functools.partial(shared_wait_for, timeout=60.0)


def test_anonymous_answers_and_notes_survive_kill_9(make_daemon, state_dir, tmp_path):
    rng = random.Random(20261205)
    args = config(tmp_path)
    first = make_daemon(extra_args=args, env={"CONVENER_TEST_CLOCK": OPEN_CLOCK}).start()
    opened = first.say("convenor", "/cop survey start community-health --k 3 --closes 3d")[0]["text"]
    assert "Opened survey S1" in opened, opened
    assert first.stop() == 0
    exported = json.loads(run_cli("state", "export", *args, "--state-dir", str(state_dir), cwd=tmp_path).stdout)
    survey = next(s for s in exported["state"]["surveys"]["surveys"] if s["id"] == "S1")
    key = survey["key"]

    lock = threading.Lock()
    thanked = {}          # member -> how many times an answer was acknowledged ("Thank you")
    attempted = set()     # members whose answer was sent, acknowledged or not
    refused_again = 0     # repeat answers refused with "already answered"
    notes_sent, notes_acknowledged = [], []
    kills = 0
    logs = list(first.output)
    unanswered = list(MEMBERS)
    rng.shuffle(unanswered)

    for cycle in range(KILL_CYCLES):
        daemon = make_daemon(extra_args=args, env={"CONVENER_TEST_CLOCK": OPEN_CLOCK}).start()
        stop = threading.Event()

        def answerer(seed, port=daemon.port):
            local = random.Random(seed)
            while not stop.is_set():
                with lock:
                    again = [m for m, count in thanked.items() if count] if local.random() < 0.2 else []
                    if again:
                        member = local.choice(again)
                    elif unanswered:
                        member = unanswered.pop()
                        attempted.add(member)
                    else:
                        return
                try:
                    status, answer = post(port, "/playground/api/forms",
                                          {"member": member, "form": "survey.S1",
                                           "values": answers(MEMBERS.index(member))})
                except (OSError, http.client.HTTPException):
                    return
                text = answer["replies"][0]["text"] if status == 200 else ""
                with lock:
                    if "Thank you" in text:
                        thanked[member] = thanked.get(member, 0) + 1
                    elif "already answered" in text and member in thanked:
                        refusals.append(member)
                time.sleep(local.uniform(0.02, 0.06))

        def noter(seed, port=daemon.port):
            local = random.Random(seed)
            while not stop.is_set():
                with lock:
                    if len(notes_sent) >= 90:
                        return
                    text = f"note {len(notes_sent):03d} {local.randrange(10**6):06d}"
                    notes_sent.append(text)
                try:
                    status, answer = post(port, "/playground/api/messages",
                                          {"member": local.choice(MEMBERS), "text": f"/cop feedback {text}"})
                except (OSError, http.client.HTTPException):
                    return
                if status == 200 and "your note is in" in answer["replies"][0]["text"]:
                    with lock:
                        notes_acknowledged.append(text)
                time.sleep(local.uniform(0.01, 0.05))

        refusals = []
        threads = [threading.Thread(target=answerer, args=(cycle * 10 + n,)) for n in range(3)]
        threads.append(threading.Thread(target=noter, args=(cycle,)))
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.05, 0.4))
        daemon.kill()
        kills += 1
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        refused_again += len(refusals)
        logs += daemon.output

    acknowledged = {m for m, count in thanked.items() if count}
    assert len(acknowledged) >= 30 and len(notes_acknowledged) >= 10, "the test sent too little to prove anything"
    assert all(count == 1 for count in thanked.values()), \
        f"members answered twice: {[m for m, c in thanked.items() if c > 1]}"
    assert refused_again > 0, "no repeat answer was tried after a kill"

    final = make_daemon(extra_args=args, env={"CONVENER_TEST_CLOCK": CLOSE_CLOCK}).start()
    channel = lambda: [i["message"]["text"] for i in final.timeline("observer")["items"] if i["where"] == "channel"]
    assert wait_for(lambda: any("has closed with" in t for t in channel())), channel()
    closed = next(t for t in channel() if "has closed with" in t)
    responses = int(re.search(r"has closed with (\d+) responses", closed).group(1))
    dms = lambda: [i["message"]["text"] for i in final.timeline("convenor")["items"]
                   if i["where"] == "dm" and "anonymous note" in i["message"]["text"]]
    assert wait_for(lambda: len(dms()) > 0), "the notes never reached the convenor"
    delivered = "\n".join(dms())
    print(f"\n{kills} kills: {len(acknowledged)} answers acknowledged, {responses} counted at close "
          f"({len(attempted)} sent); {len(notes_acknowledged)} notes acknowledged, "
          f"{sum(t in delivered for t in notes_sent)} delivered ({len(notes_sent)} sent); "
          f"{refused_again} repeat answers refused")
    assert len(acknowledged) <= responses <= len(attempted), (len(acknowledged), responses, len(attempted))
    missing = [t for t in notes_acknowledged if t not in delivered]
    assert missing == [], f"acknowledged notes never delivered: {missing}"
    assert final.stop() == 0

    # After close: no pool file, no key, no token, no participant next to the survey, in files or the log.
    community = next(p for p in state_dir.iterdir() if p.is_dir())
    names = sorted(p.name for p in community.iterdir())
    assert not any(name.startswith("pool-survey-") for name in names), names
    raw_key = base64.b64decode(key)
    tokens = [hmac.new(raw_key, b"S1\x00playground:" + m.encode(), hashlib.sha256).hexdigest() for m in MEMBERS]
    everything = "".join(p.read_text(errors="replace") for p in community.rglob("*") if p.is_file())
    everything += "\n".join(logs + final.output)
    assert key not in everything, "the survey's key outlived it"
    assert not any(token in everything for token in tokens), "a participation token outlived the survey"
    ids = [f"playground:{m}" for m in attempted]
    assert anonymity_scan.scan_state_folder(community, ids, SURVEY,
                                            exempt=lambda node: isinstance(node, dict)
                                            and isinstance(node.get("form"), dict)
                                            and node["form"].get("id") == "survey.S1") == []
    log = [line for line in logs + final.output if SURVEY.search(line) and any(i in line for i in ids)]
    assert log == [], log
