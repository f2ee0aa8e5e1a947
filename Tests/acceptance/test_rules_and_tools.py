"""Rules in the running daemon, and the command-line tools convenors use to try things."""

import functools
import json
import textwrap

from conftest import run_cli, wait_for as shared_wait_for


def channel_texts(daemon, member):
    return [item["message"]["text"] for item in daemon.timeline(member)["items"] if item["where"] == "channel"]


def dm_texts(daemon, member):
    return [item["message"]["text"] for item in daemon.timeline(member)["items"] if item["where"] == "dm"]


wait_for = functools.partial(shared_wait_for, timeout=5.0)


def test_default_welcome_rule_greets_a_newcomer_once(daemon):
    daemon.say("nora", "hello, I am new here")
    assert wait_for(lambda: any("Welcome to My Community, @nora!" in t for t in channel_texts(daemon, "nora")))
    assert wait_for(lambda: any("Hi nora" in t for t in dm_texts(daemon, "nora")))
    assert wait_for(lambda: any("nora just joined" in t for t in dm_texts(daemon, "convenor")))
    daemon.say("nora", "second message")
    daemon.say("convenor", "hi all")
    welcomes = [t for t in channel_texts(daemon, "nora") if t.startswith("Welcome to")]
    assert welcomes == ["Welcome to My Community, @nora! 👋 Tell us what brings you here."]
    assert all("Hi nora" not in t for t in dm_texts(daemon, "omar"))


def test_rules_commands_for_convenors(daemon):
    listing = daemon.say("convenor", "/cop rules list")[0]["text"]
    assert "welcome-newcomer" in listing and "weekly-prompt" in listing
    daemon.say("pia", "hi")
    explained = daemon.say("convenor", "/cop rules explain welcome-newcomer")[0]["text"]
    assert "Recent runs" in explained and "playground:pia" in explained
    refused = daemon.say("pia", "/cop rules list")[0]["text"]
    assert "convenor" in refused.lower()


def test_rules_eval_prints_json_or_points_at_the_error(tmp_path):
    variables = tmp_path / "vars.json"
    variables.write_text(json.dumps({"member": {"tier": "peripheral", "tags": ["a"]}}))
    result = run_cli("rules", "eval", 'member.tier == "peripheral" && size(member.tags) == 1', "--vars", str(variables))
    assert result.stdout.strip() == "true"
    assert run_cli("rules", "eval", "[1, 2].map(x, x * 10)").stdout.strip() == "[10,20]"
    broken = run_cli("rules", "eval", "member.tier ==", "--vars", str(variables), check=False)
    assert broken.returncode != 0
    assert "1:" in broken.stderr and "^" in broken.stderr


def test_rules_eval_takes_an_expression_that_starts_with_a_minus(tmp_path):
    assert run_cli("rules", "eval", "-(3 - 5)").stdout.strip() == "2"
    variables = tmp_path / "vars.json"
    variables.write_text(json.dumps({"x": 4}))
    assert run_cli("rules", "eval", "--vars", str(variables), "-x + 1").stdout.strip() == "-3"
    assert run_cli("rules", "eval", "-x * 2", "--vars", str(variables)).stdout.strip() == "-8"
    two = run_cli("rules", "eval", "1", "2", check=False)
    assert two.returncode != 0 and "one argument, in quotes" in two.stderr


def test_rules_explain_dry_runs_against_the_state(make_daemon, state_dir, tmp_path):
    daemon = make_daemon().start()
    daemon.say("quinn", "hi")
    assert daemon.stop() == 0
    before = sorted(p.name for p in (state_dir / "my-community").iterdir())
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"type": "member.joined", "member": "playground:quinn"}))
    result = run_cli("rules", "explain", "welcome-newcomer", "--event", str(event), "--state-dir", str(state_dir),
                     cwd=tmp_path)
    assert "Welcome to My Community, @quinn!" in result.stdout
    assert "!member.isConvenor" in result.stdout
    assert sorted(p.name for p in (state_dir / "my-community").iterdir()) == before


def test_check_reports_rule_errors_with_line_and_column(tmp_path):
    config = tmp_path / "convener.yaml"
    config.write_text(textwrap.dedent("""\
        communities:
          - name: Test
        rules:
          - id: broken
            trigger: member.joined
            conditions:
              - "member.teir == 'core'"
            actions:
              - post: "hi"
        """))
    result = run_cli("check", "--config", str(config), cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "convener.yaml:7:" in result.stderr and "teir" in result.stderr


def test_check_reports_every_config_problem_at_once(tmp_path):
    config = tmp_path / "convener.yaml"
    config.write_text(textwrap.dedent("""\
        lisen: 127.0.0.1:8080
        communities:
          - name: Test
            timezone: Europe/Berln
        """))
    result = run_cli("check", "--config", str(config), cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "convener.yaml:1:1: lisen: unknown key; did you mean listen?" in result.stderr
    assert "convener.yaml:4:15: communities[0].timezone: 'Europe/Berln' is not a time zone; did you mean Europe/Berlin?" in result.stderr


def test_schedule_next_follows_dst_and_prints_offsets():
    result = run_cli("schedule", "next", "30 2 * * *", "--tz", "Europe/Berlin", "-n", "3",
                     "--after", "2026-03-28T00:00:00Z")
    assert result.stdout.split() == ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00",
                                     "2026-03-30T02:30:00+02:00"]
    assert "02:30" in result.stderr
    bad = run_cli("schedule", "next", "0 9 * * MOM", "--tz", "Europe/Berlin", check=False)
    assert bad.returncode != 0 and "MOM" in bad.stderr


def test_serve_refuses_a_broken_config(tmp_path):
    config = tmp_path / "convener.yaml"
    config.write_text("communities: []\n")
    result = run_cli("serve", "--config", str(config), "--listen", "127.0.0.1:0", cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "convener.yaml" in result.stderr


def test_the_container_config_is_valid(tmp_path):
    import os
    import subprocess
    from conftest import BINARY, REPO
    environment = dict(os.environ, CONVENER_ADMIN_TOKEN="t0ken")
    result = subprocess.run([BINARY, "check", "--config", str(REPO / "Deploy" / "convener.container.yaml")],
                            cwd=tmp_path, capture_output=True, text=True, env=environment, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "/var/lib/convener" in result.stdout
    without_token = {k: v for k, v in environment.items() if k != "CONVENER_ADMIN_TOKEN"}
    refused = subprocess.run([BINARY, "check", "--config", str(REPO / "Deploy" / "convener.container.yaml")],
                             cwd=tmp_path, capture_output=True, text=True, env=without_token, timeout=60)
    assert refused.returncode != 0 and "admin" in refused.stderr.lower()
