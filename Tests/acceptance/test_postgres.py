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
from test_metrics import metric

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
    assert psql(database_url, "SELECT version FROM convener_schema") == "2"
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

    # What a Teams daemon learned moves too.
    book = {"teams": {"member:29:1abc": {"conversation": "a:1xyz", "serviceUrl": "https://smba.example/emea/"}}}
    (state_dir / "platform-addresses.json").write_text(json.dumps(book))
    moved = cli(database_url, "state", "migrate-to-postgres", "--state-dir", str(state_dir), cwd=tmp_path)
    assert "byte for byte" in moved.stdout and "platform state platform-addresses: moved" in moved.stdout
    stored = psql(database_url, "SELECT convert_from(value, 'UTF8') FROM convener_platform_state "
                                "WHERE name = 'platform-addresses'")
    assert json.loads(stored) == book
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


def test_the_read_only_tools_read_the_database(make_daemon, database_url, state_dir, tmp_path):
    config = tmp_path / "convener.yaml"
    config.write_text(textwrap.dedent("""\
        communities:
          - name: Tools Community
            convenors: ["convenor"]
        pairing:
          programs:
            - id: coffee
              kind: coffee
              cadence: "0 9 * * MON"
        """))
    env = {"CONVENER_DATABASE_URL": database_url}
    daemon = make_daemon(extra_args=["--config", str(config)], env=env).start()
    daemon.say("convenor", '/cop poll "Lunch?" "Pizza" "Sushi"')
    daemon.click("bob", "poll.P1", "poll.P1.vote.1")
    for member in ("ana", "ben", "cy"):
        daemon.say(member, "/cop pair join --interests testing")
    daemon.say("quinn", "hi")
    assert daemon.stop() == 0
    # A message still queued and a dead letter, as a daemon that could not deliver them leaves them.
    document = json.loads(cli(database_url, "state", "export", "--config", str(config), cwd=tmp_path).stdout)
    when = document["state"]["members"]["playground:quinn"]["joinedAt"]
    held = {"id": "acc-held", "audience": {"channel": {}}, "text": "Held for the tools"}
    document["state"]["outbox"] = [{"message": held, "queuedAt": when}]
    document["state"]["deadLetters"] = [
        {"message": {"id": "acc-dead", "audience": {"channel": {}}, "text": "Never sent"}, "reason": "refused",
         "at": when}]
    seeded_url = database_url.replace("/accept_", "/seeded_")
    seeded_name = seeded_url.rsplit("/", 1)[1].split("?")[0]
    psql(SERVER, f"CREATE DATABASE {seeded_name}")
    try:
        dump = tmp_path / "seeded.json"
        dump.write_text(json.dumps(document))
        cli(seeded_url, "state", "import", str(dump), "--config", str(config), cwd=tmp_path)

        def tool(*args):
            return cli(seeded_url, *args, "--config", str(config), cwd=tmp_path).stdout

        assert tool("poll", "export", "P1").splitlines() == [
            "poll,question,option,votes", "P1,Lunch?,Pizza,1", "P1,Lunch?,Sushi,0"]
        listing = tool("outbox", "list")
        assert "Queued: 1" in listing and "acc-held" in listing and "Held for the tools" in listing
        assert "Dead letters: 1" in listing and "reason: refused" in listing
        assert "coffee (coffee): 3 member(s) can take part" in tool("pairing", "preview")
        event = tmp_path / "event.json"
        event.write_text(json.dumps({"type": "member.joined", "member": "playground:quinn"}))
        explained = tool("rules", "explain", "welcome-newcomer", "--event", str(event))
        assert "@quinn" in explained and "!member.isConvenor" in explained
        # The seeded database never had a daemon: what the tools printed can only have come from it.
        assert not state_dir.exists() or not any(state_dir.rglob("journal-*"))
    finally:
        psql(SERVER, f"DROP DATABASE IF EXISTS {seeded_name} WITH (FORCE)")


def say_to(daemon, member, text):
    status, data, _ = daemon.request("POST", "/playground/api/messages", {"member": member, "text": text},
                                     headers={"Authorization": f"Bearer {ADMIN}"})
    assert status == 200, data


def catch_ups(daemon, cause):
    status, data, _ = daemon.request("GET", "/metrics")
    assert status == 200
    return metric(data.decode(), "convener_store_catch_ups_total", cause=cause) or 0


def test_a_change_through_one_daemon_reaches_the_others_reads_through_the_journals_notice(
        make_daemon, database_url, tmp_path):
    env = {"CONVENER_DATABASE_URL": database_url, "CONVENER_ADMIN_TOKEN": ADMIN}
    a, b = (make_daemon(env=env, state=tmp_path / f"unused-{n}").start() for n in range(2))
    # Once a change is visible through the other daemon, that daemon's notice connection is up.
    say_to(a, "erin", "warm-up")
    assert wait_for(lambda: health_messages(b) == 1, timeout=20)
    latencies = []
    for round_number in range(6):
        writer, reader = (a, b) if round_number % 2 == 0 else (b, a)
        before = {cause: catch_ups(reader, cause) for cause in ("notice", "reconnect", "poll")}
        expected = health_messages(writer) + 1
        started = time.monotonic()
        say_to(writer, "erin", f"change {round_number}")
        # The reader takes no input and its ticks find nothing due: only the notice can bring the change.
        assert wait_for(lambda: health_messages(reader) == expected, timeout=20), round_number
        latencies.append(time.monotonic() - started)
        assert catch_ups(reader, "notice") > before["notice"]
        assert catch_ups(reader, "reconnect") == before["reconnect"]
        assert catch_ups(reader, "poll") == before["poll"] == 0
    print(f"notice latencies: {[round(latency * 1000) for latency in latencies]} ms")
    for daemon in (a, b):
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
        # A request gets its 503 within two deadlines (the connect timeout and a second, 6 s): the step ahead of it
        # and its own. A step the database failed fails the ones queued behind it at once.
        say = lambda text: daemon.request("POST", "/playground/api/messages", {"member": "dora", "text": text},
                                          headers={"Authorization": f"Bearer {ADMIN}"}, timeout=15)[0]
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


CONVENER_RELATIONS = """
    SELECT c.oid::regclass FROM pg_class c WHERE c.relname LIKE 'convener\\_%' AND c.relkind = 'r'
    UNION ALL
    SELECT c.reltoastrelid::regclass FROM pg_class c WHERE c.relname LIKE 'convener\\_%' AND c.reltoastrelid <> 0
    """


def row_versions_holding(url, needle):
    """The Convener tables (and their TOAST tables) with a row version, live or dead, whose bytes on its page hold
    `needle`: every tuple of every page, read with pageinspect after a CHECKPOINT."""
    psql(url, "CREATE EXTENSION IF NOT EXISTS pageinspect")
    psql(url, "CHECKPOINT")
    found = []
    for relation in psql(url, CONVENER_RELATIONS).split():
        hits = psql(url, f"""
            SELECT count(*) FROM generate_series(0, pg_relation_size('{relation}') / 8192 - 1) AS block,
                LATERAL heap_page_items(get_raw_page('{relation}', block::int)) AS item
            WHERE position(convert_to('{needle}', 'UTF8') IN item.t_data) > 0""")
        if hits != "0":
            found.append(f"{relation}: {hits}")
    return found


def free_space_holding(url, needle):
    """The tables whose files still hold `needle` anywhere, free space included (reported, see the threat model)."""
    return [relation for relation in psql(url, CONVENER_RELATIONS).split()
            if psql(url, f"SELECT position(convert_to('{needle}', 'UTF8') IN "
                         f"pg_read_binary_file(pg_relation_filepath('{relation}')))") != "0"]


def test_forget_vacuums_the_member_out_of_the_tables(make_daemon, database_url, tmp_path):
    daemon = make_daemon(env={"CONVENER_DATABASE_URL": database_url}).start()
    daemon.say("dora", "hi, I'm new")
    daemon.say("dora", "/cop me birthday 12-24")
    daemon.say("alice", "/cop kudos @dora for the great first question")
    daemon.say("dora", "/cop roster join")
    # The control: before the erasure, the journal's row versions hold her id.
    assert any(name.startswith("convener_journal") for name in row_versions_holding(database_url, "playground:dora"))
    question = daemon.say("dora", "/cop me forget")[0]
    confirm = next(action["id"] for action in question["actions"] if action["label"].lower().startswith("yes"))
    assert "deleted" in daemon.click("dora", question["id"], confirm)[0]["text"]
    # The upkeep vacuums after the erasure's compaction, off the request path: no row version is left.
    assert wait_for(lambda: any("vacuumed" in line for line in daemon.output), timeout=15), daemon.output[-10:]
    assert wait_for(lambda: row_versions_holding(database_url, "playground:dora") == [], timeout=15), (
        row_versions_holding(database_url, "playground:dora"))
    assert daemon.stop() == 0
    assert row_versions_holding(database_url, "playground:dora") == []
    print("tables whose free space still holds the id:", free_space_holding(database_url, "playground:dora"))
