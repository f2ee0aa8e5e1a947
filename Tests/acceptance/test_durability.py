"""Durability of the JSON state: kill -9 under load, one daemon per state folder, offline tools."""

import json
import os
import random
import threading
import time
import http.client

from conftest import run_cli

KILL_CYCLES = int(os.environ.get("CONVENER_KILL_CYCLES", "50"))
WRITERS = 6


def export_state(state_dir, cwd):
    result = run_cli("state", "export", "--state-dir", str(state_dir), cwd=cwd)
    return json.loads(result.stdout)


def message_counts(document):
    members = document["state"]["members"]
    return {member_id: member["activity"]["messages"] for member_id, member in members.items()}


def test_no_acknowledged_change_is_lost_across_kill_9(make_daemon, state_dir, tmp_path):
    rng = random.Random(20261123)
    acknowledged = {f"playground:w{n}": 0 for n in range(WRITERS)}
    sent = dict(acknowledged)
    lock = threading.Lock()

    for cycle in range(KILL_CYCLES):
        daemon = make_daemon().start()
        stop = threading.Event()

        def writer(n, port=daemon.port):
            member = f"w{n}"
            while not stop.is_set():
                with lock:
                    sent[f"playground:{member}"] += 1
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    body = json.dumps({"member": member, "text": f"change from {member}"})
                    connection.request("POST", "/playground/api/messages", body=body,
                                       headers={"Content-Type": "application/json"})
                    if connection.getresponse().status == 200:
                        with lock:
                            acknowledged[f"playground:{member}"] += 1
                    connection.close()
                except (OSError, http.client.HTTPException):
                    return

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.02, 0.35))
        daemon.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=10)

    # A last clean start proves the state opens after the final kill; then the offline tools agree.
    final = make_daemon().start()
    assert final.request("GET", "/readyz")[0] == 200
    assert final.stop() == 0
    verify = run_cli("state", "verify", "--state-dir", str(state_dir), cwd=tmp_path)
    assert verify.returncode == 0
    stored = message_counts(export_state(state_dir, tmp_path))
    assert sum(acknowledged.values()) > 0, "the test sent nothing: it would prove nothing"
    for member, count in acknowledged.items():
        assert stored.get(member, 0) >= count, f"{member}: {count} acknowledged but {stored.get(member, 0)} stored"
        assert stored.get(member, 0) <= sent[member], f"{member}: more stored than sent"


def test_a_second_daemon_on_the_same_folder_exits_naming_the_holder(make_daemon, state_dir):
    first = make_daemon().start()
    second = make_daemon()
    try:
        second.start(timeout=15)
        raise AssertionError("the second daemon started on a locked state folder")
    except RuntimeError as error:
        message = str(error)
    assert second.process.wait(timeout=10) != 0
    assert str(first.process.pid) in message, message
    assert first.request("GET", "/readyz")[0] == 200


def test_export_import_round_trip(make_daemon, state_dir, tmp_path):
    daemon = make_daemon().start()
    daemon.say("erin", "one")
    daemon.say("erin", "two")
    assert daemon.stop() == 0
    exported = run_cli("state", "export", "--state-dir", str(state_dir), cwd=tmp_path).stdout
    dump = tmp_path / "dump.json"
    dump.write_text(exported)
    copy = tmp_path / "copy"
    run_cli("state", "import", str(dump), "--state-dir", str(copy), cwd=tmp_path)
    assert message_counts(export_state(copy, tmp_path))["playground:erin"] == 2
    refused = run_cli("state", "import", str(dump), "--state-dir", str(copy), cwd=tmp_path, check=False)
    assert refused.returncode != 0 and "empty" in (refused.stdout + refused.stderr).lower()
    run_cli("state", "compact", "--state-dir", str(copy), cwd=tmp_path)
    assert message_counts(export_state(copy, tmp_path))["playground:erin"] == 2


def test_verify_reports_damage_precisely(make_daemon, state_dir, tmp_path):
    daemon = make_daemon().start()
    for n in range(3):
        daemon.say("finn", f"message {n}")
    assert daemon.stop() == 0
    community = state_dir / "my-community"
    journals = sorted(p for p in community.iterdir() if p.name.startswith("journal"))
    assert journals, list(community.iterdir())
    data = bytearray(journals[0].read_bytes())
    middle = data.index(b"\n") // 2
    data[middle] = ord("X") if data[middle] != ord("X") else ord("Y")
    journals[0].write_bytes(bytes(data))
    result = run_cli("state", "verify", "--state-dir", str(state_dir), cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert journals[0].name in result.stdout + result.stderr
    before = journals[0].read_bytes()
    refused = make_daemon()
    try:
        refused.start(timeout=15)
        raise AssertionError("the daemon started on a damaged journal")
    except RuntimeError as error:
        assert journals[0].name in str(error)
    assert journals[0].read_bytes() == before, "a refused start must leave the files untouched"
