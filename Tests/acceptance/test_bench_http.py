"""`Benchmarks/http/bench_http.py` (the request-path benchmark behind the README's numbers) keeps working.

A short run with a small community: it checks the harness, not the speed (the figures go in the README from
release builds, never into a check that can fail on a busy machine).
"""

import json
import os
import re
import subprocess
import sys

from conftest import BINARY, REPO


def test_the_request_path_benchmark_runs_every_server_and_prints_the_comparison(tmp_path):
    figures = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "Benchmarks" / "http" / "bench_http.py"), "--convener", BINARY,
         "--duration", "1", "--members", "200", "--rate", "50", "--connections", "4", "--minutes", "2",
         "--minute-seconds", "1", "--floor-count", "300", "--json", str(figures)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    table = result.stdout
    for label in ("bare Hummingbird", "Convener, slack", "Convener, discord", "Convener, playground",
                  "paced at 50 req/s", "Slack Bolt for Python"):
        assert label in table, table
    assert "a first contact costs" in table and "Convener slack / Bolt for Python" in table
    assert "of the paced run's" in table and "behind their schedule" in table, table
    assert "Sustained Slack kudos, per minute" in table and "last minute / first minute" in table, table
    runs = json.loads(figures.read_text())
    for server in ("bare", "slack", "discord", "playground", "bolt"):
        run = runs[server]["full"]
        assert run["requests"] > 0 and run["failed"] == 0 and run["cpu_us"] > 0, (server, run)
    for server in ("slack", "discord", "playground"):
        paced = runs[server]["paced"]
        # The paced run starts only once the server idles after the saturated run (at least a quiet second).
        assert paced["requests"] > 0 and paced["failed"] == 0 and paced["settle_seconds"] >= 1, (server, paced)
        # On its schedule the paced run sends at the rate asked (50 req/s for the 1 s run), neither short of it nor
        # in a rush of back-to-back requests.
        assert 35 <= paced["rps"] <= 65 and paced["late_sends"] >= 0, (server, paced)
    # The floor: every part measured, and no kudos can take less than bare Hummingbird's own request.
    assert "Floor (`convener bench floor`" in table and "highest share of bare's rate" in table, table
    floor = runs["floor"]
    for part in ("slack_verify_us", "discord_verify_us", "late_reply_us", "fsync_us"):
        assert floor[part] > 0, (part, floor)
    assert all(0 < share <= 1 for share in floor["highest_share"].values()), floor
    assert floor["highest_share"]["discord"] < floor["highest_share"]["playground"], floor
    assert floor["convener_over_least"].keys() == {"slack", "discord", "playground"}, floor
    minutes = runs["slack"]["minutes"]
    assert len(minutes) == 2 and all(minute["requests"] > 0 and minute["failed"] == 0 for minute in minutes), minutes
    assert runs["slack"]["full"]["first_contact_probe"] == 40


def test_the_comparison_harness_runs_binaries_in_turn_and_prints_their_medians():
    result = subprocess.run(
        [sys.executable, str(REPO / "Benchmarks" / "http" / "compare.py"), BINARY, BINARY, "--members", "60",
         "--rounds", "1", "--duration", "1", "--kudos", "5900", "--then", "me"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("round 1, ") and "; me after " in line for line in lines) == 2, result.stdout
    assert any(line.startswith("| binary |") and "| me µs/req |" in line for line in lines), result.stdout
    rows = [line for line in lines if line.startswith(f"| {BINARY} |")]
    assert len(rows) == 2 and re.search(r"\(\d+\.\d\d\)", rows[1]) and not re.search(r"\(", rows[0]), result.stdout
