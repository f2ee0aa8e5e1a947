"""The PostgreSQL store: one daemon on it, a state folder moved in, several daemons sharing it under kill -9,
schedules and the outbox exactly once across them, and a database restart.

Every test gets a database of its own in the throwaway cluster scripts/test starts (CONVENER_TEST_DATABASE_URL)."""

import json
import os
import random
import subprocess
import textwrap
import threading
import time
import http.client
import uuid

import pytest

from conftest import BINARY, REPO as REPO_ROOT, wait_for

SERVER = os.environ.get("CONVENER_TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not SERVER, reason="CONVENER_TEST_DATABASE_URL is not set (scripts/test sets it)")
ADMIN = "pg-admin-token"


def psql(url, sql):
    result = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def database_url():
    name = "accept_" + uuid.uuid4().hex[:12]
    psql(SERVER, f"CREATE DATABASE {name}")
    yield SERVER.rsplit("/", 1)[0] + "/" + name + "?sslmode=disable"
    psql(SERVER, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def cli(database_url, *args, cwd, check=True):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONVENER_")}
    if database_url:
        environment["CONVENER_DATABASE_URL"] = database_url
    result = subprocess.run([BINARY, *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=environment)
    if check:
        assert result.returncode == 0, f"convener {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def export(database_url, cwd, state_dir=None):
    args = ["state", "export"] + (["--state-dir", str(state_dir)] if state_dir else [])
    return json.loads(cli(database_url, *args, cwd=cwd).stdout)


def message_counts(document):
    return {member: record["activity"]["messages"] for member, record in document["state"]["members"].items()}


def health_messages(daemon):
    status, data, _ = daemon.request("GET", f"/dashboard/api/health?token={ADMIN}")
    assert status == 200, data
    bars = json.loads(data)["communities"][0]["activity"]
    return next(bar["count"] for bar in bars if bar["label"] == "messages")


def test_one_daemon_on_postgres_keeps_its_state_in_the_database(make_daemon, database_url, state_dir, tmp_path):
    env = {"CONVENER_DATABASE_URL": database_url}
    daemon = make_daemon(env=env).start()
    assert any("database:" in line and "***" not in line for line in daemon.output)
    assert daemon.request("GET", "/readyz")[0] == 200
    for n in range(5):
        daemon.say("alice", f"hello {n}")
    daemon.say("bob", "hi")
    assert daemon.stop() == 0
    # Nothing went to the folder; everything is in the database, and the tools read it there.
    assert not state_dir.exists() or not any(state_dir.rglob("journal-*"))
    assert psql(database_url, "SELECT version FROM convener_schema") == "1"
    verify = cli(database_url, "state", "verify", cwd=tmp_path)
    assert "OK" in verify.stdout
    counts = message_counts(export(database_url, tmp_path))
    assert counts["playground:alice"] == 5 and counts["playground:bob"] == 1
    again = make_daemon(env=env).start()
    again.say("alice", "back again")
    assert again.stop() == 0
    assert message_counts(export(database_url, tmp_path))["playground:alice"] == 6


def test_a_state_folder_moves_into_postgres_once(make_daemon, database_url, state_dir, tmp_path):
    folder_daemon = make_daemon().start()
    for n in range(3):
        folder_daemon.say("carol", f"before the move {n}")
    assert folder_daemon.stop() == 0
    before = export(None, tmp_path, state_dir)

    moved = cli(database_url, "state", "migrate-to-postgres", "--state-dir", str(state_dir), cwd=tmp_path)
    assert "byte for byte" in moved.stdout
    assert export(database_url, tmp_path) == before
    again = cli(database_url, "state", "migrate-to-postgres", "--state-dir", str(state_dir), cwd=tmp_path, check=False)
    assert again.returncode != 0 and "already has state" in again.stderr

    daemon = make_daemon(env={"CONVENER_DATABASE_URL": database_url}).start()
    daemon.say("carol", "after the move")
    assert daemon.stop() == 0
    assert message_counts(export(database_url, tmp_path))["playground:carol"] == 4


def test_several_daemons_share_one_database_under_kill_9(make_daemon, database_url, tmp_path):
    rng = random.Random(20261205)
    env = {"CONVENER_DATABASE_URL": database_url, "CONVENER_ADMIN_TOKEN": ADMIN}
    daemons = [make_daemon(env=env, state=tmp_path / f"unused-{n}").start() for n in range(3)]
    writers = 6
    acknowledged = {f"playground:w{n}": 0 for n in range(writers)}
    sent = dict(acknowledged)
    lock = threading.Lock()
    stop = threading.Event()

    def writer(n):
        member = f"w{n}"
        while not stop.is_set():
            daemon = rng.choice(daemons)
            port = daemon.port
            with lock:
                sent[f"playground:{member}"] += 1
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                body = json.dumps({"member": member, "text": f"change from {member}"})
                connection.request("POST", "/playground/api/messages", body=body,
                                   headers={"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN}"})
                if connection.getresponse().status == 200:
                    with lock:
                        acknowledged[f"playground:{member}"] += 1
                connection.close()
            except (OSError, http.client.HTTPException):
                time.sleep(0.05)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for _ in range(6):
        time.sleep(rng.uniform(0.5, 1.5))
        victim = rng.randrange(len(daemons))
        daemons[victim].kill()
        time.sleep(rng.uniform(0.1, 0.5))
        daemons[victim] = make_daemon(env=env, state=tmp_path / f"unused-{victim}").start()
    time.sleep(1.0)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)

    stored = message_counts(export(database_url, tmp_path))
    assert sum(acknowledged.values()) > 50, "the test sent too little to prove anything"
    for member, count in acknowledged.items():
        assert stored.get(member, 0) >= count, f"{member}: {count} acknowledged but {stored.get(member, 0)} stored"
        assert stored.get(member, 0) <= sent[member], f"{member}: more stored than sent"
    # Every daemon tails the journal: all of them converge on the database's state.
    total = sum(stored.values())
    for daemon in daemons:
        assert wait_for(lambda: health_messages(daemon) == total, timeout=10), (
            health_messages(daemon), total, [line for line in daemon.output if "error" in line or "critical" in line][-5:])
    assert "OK" in cli(database_url, "state", "verify", cwd=tmp_path).stdout
    for daemon in daemons:
        assert daemon.stop() == 0


SLACK_TOKEN = "xoxb-test-token"
MARKER = "every-minute"


def slack_posts(httpserver):
    return [json.loads(request.get_data()) for request, _ in httpserver.log if request.path == "/api/chat.postMessage"]


def test_a_rule_fires_exactly_once_a_minute_across_three_daemons_one_killed(
        make_daemon, database_url, httpserver, tmp_path):
    # Thirty minutes of a clock all three daemons share (anchored, read from the database), at 30x: one minute.
    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_json({"ok": True, "ts": "1.2"})
    config = tmp_path / "convener.yaml"
    config.write_text(textwrap.dedent(f"""\
        communities:
          - name: Minutely
            slack_channel: C0CHANNEL1
        rules:
          - id: minutely
            trigger:
              schedule: {{cron: "0-29 9 * * *", timezone: UTC, catchUp: all}}
            actions:
              - post: "{MARKER}"
        """))
    rate = 30
    anchor = time.time() + 6
    env = {
        "CONVENER_DATABASE_URL": database_url,
        "CONVENER_TEST_CLOCK": f"2026-01-05T08:59:45Z,{rate},{anchor}",
        "SLACK_BOT_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": "unused-secret",
        "SLACK_API_BASE_URL": httpserver.url_for("/api"),
    }
    daemons = [make_daemon(extra_args=["--config", str(config)], env=env, state=tmp_path / f"unused-{n}").start()
               for n in range(3)]
    # Halfway (09:15 on the shared clock), kill -9 one of them; the others carry on.
    time.sleep(max(0.0, anchor + (15 * 60 + 15) / rate - time.time()))
    victim = random.Random(20261205).randrange(3)
    daemons[victim].kill()
    # 09:29 fires at real anchor + 59.5 s; give the outbox time to deliver it.
    assert wait_for(lambda: sum(MARKER in post["text"] for post in slack_posts(httpserver)) >= 30,
                    timeout=max(5.0, anchor + 75 - time.time())), (
        sum(MARKER in post["text"] for post in slack_posts(httpserver)),
        [line for daemon in daemons for line in daemon.output if "error" in line or "clock" in line][-8:])
    time.sleep(3.0)
    fired = [post for post in slack_posts(httpserver) if MARKER in post["text"]]
    assert len(fired) == 30, f"{len(fired)} posts of the minutely rule, expected exactly 30"
    document = export(database_url, tmp_path)
    assert len(document["state"]["scheduleLedger"]["entries"]["minutely"].get("recentFires", [])) >= 1
    for n, daemon in enumerate(daemons):
        if n != victim:
            assert daemon.stop() == 0


def test_the_outbox_is_delivered_once_by_several_daemons_under_kill_9(make_daemon, database_url, httpserver, tmp_path):
    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_json({"ok": True, "ts": "1.2"})
    config = tmp_path / "convener.yaml"
    config.write_text("communities:\n  - name: Slackers\n    slack_channel: C0CHANNEL1\n")
    env = {
        "CONVENER_DATABASE_URL": database_url, "CONVENER_ADMIN_TOKEN": ADMIN,
        "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": "unused-secret",
        "SLACK_API_BASE_URL": httpserver.url_for("/api"),
    }

    def start(n):
        return make_daemon(extra_args=["--config", str(config)], env=env, state=tmp_path / f"unused-{n}").start()

    daemons = [start(n) for n in range(3)]
    rng = random.Random(7)
    newcomers = [f"newcomer{n}" for n in range(24)]
    welcomed = []
    for index, member in enumerate(newcomers):
        daemon = daemons[index % 3]
        status, _, _ = daemon.request("POST", "/playground/api/messages", {"member": member, "text": "hello"},
                                      headers={"Authorization": f"Bearer {ADMIN}"})
        if status == 200:
            welcomed.append(member)
        if index % 6 == 5:
            victim = rng.randrange(3)
            daemons[victim].kill()
            daemons[victim] = start(victim)

    def welcomes():
        return [post["text"] for post in slack_posts(httpserver) if post["text"].startswith("Welcome to Slackers")]

    # A killed lease holder's messages wait for its lease to run out (10 s), then another daemon sends them.
    assert wait_for(lambda: len(welcomes()) >= len(welcomed), timeout=40)
    time.sleep(2.0)
    for member in welcomed:
        count = sum(f"@{member}!" in text for text in welcomes())
        assert count == 1, f"{member} was welcomed {count} times"
    for daemon in daemons:
        assert daemon.stop() == 0


def test_a_database_restart_answers_503_then_recovers(make_daemon, tmp_path):
    # A cluster of its own, so stopping it disturbs no other test.
    started = subprocess.run(["scripts/test-database", "start"], cwd=REPO_ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    url, folder = started[0] + "?sslmode=disable", started[1]
    data = os.path.join(folder, "data")
    owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    pg_ctl = "/usr/lib/postgresql/15/bin/pg_ctl"
    try:
        daemon = make_daemon(env={"CONVENER_DATABASE_URL": url, "CONVENER_ADMIN_TOKEN": ADMIN}).start()
        # A request waits at most for the scheduler's turn and its own connect timeout (5 s each) before its 503.
        say = lambda text: daemon.request("POST", "/playground/api/messages", {"member": "dora", "text": text},
                                          headers={"Authorization": f"Bearer {ADMIN}"}, timeout=30)[0]
        assert say("before") == 200
        subprocess.run(owner + [pg_ctl, "-D", data, "-m", "fast", "-w", "stop"], check=True, capture_output=True)
        assert wait_for(lambda: daemon.request("GET", "/readyz")[0] == 503, timeout=10)
        assert say("while down") == 503
        assert daemon.process.poll() is None, "the daemon died with the database"
        subprocess.run(owner + [pg_ctl, "-D", data, "-l", os.path.join(folder, "server.log"), "-w", "start"],
                       check=True, capture_output=True)
        assert wait_for(lambda: daemon.request("GET", "/readyz")[0] == 200, timeout=20)
        assert wait_for(lambda: say("after") == 200, timeout=20)
        assert daemon.stop() == 0
        counts = message_counts(export(url, tmp_path))
        assert counts["playground:dora"] == 2
    finally:
        subprocess.run(["scripts/test-database", "stop", folder], cwd=REPO_ROOT, capture_output=True)
