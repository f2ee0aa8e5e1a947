"""Schedules across kill -9 with an injected clock, the prompt library, and `/cop away`/`/cop back`."""

import json
import textwrap
import time

import pytest

from conftest import REPO, run_cli, wait_for

MARKER = "scheduled-post"


def write_config(tmp_path, catch_up):
    config = tmp_path / "convener.yaml"
    config.write_text(textwrap.dedent(f"""\
        communities:
          - name: Test Community
            convenors: ["convenor"]
        rules:
          - id: morning
            trigger:
              schedule: {{cron: "0,1,2 9 * * *", timezone: UTC, catchUp: {catch_up}}}
            actions:
              - post: "{MARKER}"
          - id: weekly-prompt
            trigger:
              schedule: {{cron: "0 10 * * TUE"}}
            actions:
              - prompt.post: {{theme: reflection}}
        """))
    return config


def ledger_entry(state_dir, cwd):
    document = json.loads(run_cli("state", "export", "--state-dir", str(state_dir), cwd=cwd).stdout)
    return document["state"]["scheduleLedger"]["entries"].get("morning")


def channel_texts(daemon):
    page = daemon.timeline("observer")
    return [item["message"]["text"] for item in page["items"] if item["where"] == "channel"]


@pytest.mark.parametrize("catch_up, fires", [("none", 0), ("latest", 1), ("all", 3)])
def test_kill_across_due_times_fires_each_instant_at_most_once(make_daemon, state_dir, tmp_path, catch_up, fires):
    write_config(tmp_path, catch_up)
    # Up shortly before 09:00; the first tick arms the schedule. Killed before anything is due.
    first = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-05T08:59:40Z"}).start()
    assert any("test clock" in line for line in first.output) or wait_for(
        lambda: any("test clock" in line for line in first.output), 5)
    time.sleep(2.5)
    first.kill()
    armed = ledger_entry(state_dir, tmp_path)
    assert armed is not None and not armed.get("recentFires")

    # Back at 09:04: 09:00, 09:01 and 09:02 were all missed by more than a minute.
    second = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-05T09:04:00Z"}).start()
    if fires:
        assert wait_for(lambda: channel_texts(second).count(MARKER) >= fires)
    time.sleep(2.5)
    assert channel_texts(second).count(MARKER) == fires
    second.kill()
    entry = ledger_entry(state_dir, tmp_path)
    assert len(entry.get("recentFires", [])) == fires

    # A third start later the same morning repeats nothing.
    third = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-05T09:05:00Z"}).start()
    time.sleep(2.5)
    assert channel_texts(third).count(MARKER) == 0
    assert third.stop() == 0
    assert len(ledger_entry(state_dir, tmp_path).get("recentFires", [])) == fires


def test_a_due_time_passing_while_running_fires_once(make_daemon, state_dir, tmp_path):
    write_config(tmp_path, "latest")
    # Ten times real speed: 09:00 and 09:01 pass within about seven seconds.
    daemon = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-01-05T08:59:55Z,10"}).start()
    assert wait_for(lambda: channel_texts(daemon).count(MARKER) >= 2, timeout=20)
    time.sleep(1.0)
    assert channel_texts(daemon).count(MARKER) == 2
    assert daemon.stop() == 0


def test_prompt_now_posts_a_real_prompt_and_next_skip_steer_it(make_daemon, tmp_path):
    write_config(tmp_path, "latest")
    daemon = make_daemon().start()
    preview = daemon.say("convenor", "/cop prompt next")[0]["text"]
    assert "reflection-" in preview
    daemon.say("convenor", "/cop prompt now")
    assert wait_for(lambda: any(text.startswith("💬") for text in channel_texts(daemon)))
    posted = next(text for text in channel_texts(daemon) if text.startswith("💬"))
    reflection = (REPO / "Prompts" / "reflection.yaml").read_text()
    assert posted[2:].split("\n")[0].strip()[:40].replace("  ", " ") in " ".join(reflection.split())
    assert "Skipped reflection-" in daemon.say("convenor", "/cop prompt skip")[0]["text"]
    assert "Only the convenors" in daemon.say("alice", "/cop prompt now")[0]["text"]
    assert daemon.stop() == 0


def test_away_and_back(make_daemon, state_dir, tmp_path):
    write_config(tmp_path, "latest")
    daemon = make_daemon().start()
    assert "You are away until" in daemon.say("alice", "/cop away 1w")[0]["text"]
    assert "Welcome back" in daemon.say("alice", "/cop back")[0]["text"]
    assert "were not marked away" in daemon.say("alice", "/cop back")[0]["text"]
    assert daemon.stop() == 0


def test_quiet_hours_hold_direct_messages_until_the_window_ends(make_daemon, tmp_path):
    config = tmp_path / "quiet.yaml"
    config.write_text(
        "communities:\n"
        "  - name: Night Owls\n"
        "    quiet_hours: \"21:00-08:00\"\n"
    )
    daemon = make_daemon(
        extra_args=["--config", str(config)],
        env={"CONVENER_TEST_CLOCK": "2026-11-24T07:59:54Z"},
    ).start()
    daemon.say("owl", "hello at dawn")
    time.sleep(1.0)
    channel = [i["message"]["text"] for i in daemon.timeline("owl")["items"] if i["where"] == "channel"]
    assert any(text.startswith("Welcome to Night Owls, @owl!") for text in channel)
    assert not [i for i in daemon.timeline("owl")["items"] if i["where"] == "dm"], "a DM went out in quiet hours"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if [i for i in daemon.timeline("owl")["items"] if i["where"] == "dm"]:
            break
        time.sleep(0.3)
    dms = [i["message"]["text"] for i in daemon.timeline("owl")["items"] if i["where"] == "dm"]
    assert any("Hi owl" in text for text in dms), "the held DM was not delivered after 08:00"


def test_the_prompt_library_is_built_in_wherever_the_daemon_runs(make_daemon, tmp_path):
    assert not (tmp_path / "Prompts").exists()
    daemon = make_daemon().start()
    summary = "\n".join(daemon.output)
    assert "prompts:    10 themes, 144 prompts (built in: 144 prompts)" in summary
    assert "no prompts" not in summary and "extra_prompts_dirs" not in summary
    daemon.say("convenor", "/cop prompt now")
    assert wait_for(lambda: any(text.startswith("💬") for text in channel_texts(daemon)))
    assert daemon.stop() == 0

    ours = tmp_path / "our-prompts"
    ours.mkdir()
    (ours / "reflection.yaml").write_text(textwrap.dedent("""\
        theme: reflection
        prompts:
          - id: reflection-01
            text: Our own first question?
          - id: reflection-50
            text: A question only we ask?
        """))
    config = tmp_path / "convener.yaml"
    config.write_text('prompts_dir: "our-prompts"\n')
    daemon = make_daemon().start()
    summary = "\n".join(daemon.output)
    assert f"10 themes, 145 prompts (built in: 144 prompts; {ours}: 1 added, 1 replacing built-in prompts)" in summary
    previews = []
    for _ in range(40):  # the rotation is shuffled: skip until the replaced prompt comes up
        previews.append(daemon.say("convenor", "/cop prompt next")[0]["text"])
        if "reflection-01" in previews[-1]:
            break
        daemon.say("convenor", "/cop prompt skip")
    assert "reflection-01" in previews[-1] and "Our own first question?" in previews[-1], previews
    assert daemon.stop() == 0
