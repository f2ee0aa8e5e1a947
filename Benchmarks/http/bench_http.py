"""The whole request path, measured: bare Hummingbird, Convener and a Python Bolt peer, in one run.

Usage (from the repository root, with the test tools' venv and a release build):

    swift build -c release
    .venv-test/bin/python Benchmarks/http/bench_http.py --convener .build/release/convener

It starts each server on a free loopback port and loads it with wrk (Debian package `wrk`) at 2 threads and
32 connections:

- `bare`: `convener bench bare-server`, a hello-world Hummingbird application in the same binary (so the
  same lockfile, compiler and flags), `GET /health`;
- `slack`, `discord`, `playground`: `convener serve` on a fresh state folder, every request a distinct
  `/cop kudos` (Slack-signed with HMAC-SHA256, Discord-signed with Ed25519, or the playground's plain JSON),
  so replay protection, de-duplication, the reducer and the durable journal all do their real work; the
  members first make themselves known (their first contacts are measured too);
- `bolt`: Slack Bolt for Python 1.30 doing the same kudos by hand (verify, parse, fsync'd append).

A second `bench bare-server` stands in for Slack's `response_url` and Discord's follow-up webhooks, so the late
replies each kudos queues are delivered as in production (`--no-reply-sink` leaves them undeliverable); after the
first contacts the harness waits for the server to go idle, so the kudos runs measure kudos alone.

It prints req/s, p50 and p99 latency, the server's CPU time per request (from /proc, all its threads) and its
resident memory, then the ratios. `--rate 500` adds a paced run for p99 at a fixed load (8 connections sending on a
schedule, evenly spaced; `paced.lua`), once the server has gone idle after the saturated run; `--minutes N` a
sustained Slack run of N minutes reported minute by minute (commands handled, CPU per command, memory, outbox), of
kudos or, with `--sustained-command help`, of a command that adds nothing to the state, so that its memory is what
the request path itself holds; `--members N` sets the community's size, and the last members to join (up to 2,000)
are measured on their own: what a first contact costs at that size. `--perf PREFIX` records each Convener
server's first contacts and saturated run with `perf record -g` (for `perf report -i PREFIX-slack.data`).

Before the platforms, `convener bench floor` measures what the parts a signed kudos cannot leave out cost, each alone,
through the daemon's own code (the signature checks, a late reply sent through libcurl to the stand-in, an append with
its own fsync); added to bare Hummingbird's cost of a request, they give the least CPU a kudos can take on this machine
and so the highest share of bare Hummingbird's rate it can reach (`--floor-count 0` skips it).
"""

import argparse
import concurrent.futures
import contextlib
import functools
import http.client
import json
import math
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import nacl.signing
from slack_sdk.signature import SignatureVerifier

HERE = pathlib.Path(__file__).resolve().parent
SLACK_SECRET = "bench-signing-secret"
DISCORD_KEY = nacl.signing.SigningKey(bytes(range(32)))
KUDOS_ALLOWANCE = 100  # the config's maximum: each member can give this many kudos a day
# Where late replies go (Slack's response_url, Discord's follow-up webhooks): a local stand-in once `main` starts one.
REPLY_BASE = {"url": "https://hooks.slack.com"}
DAEMON_CONFIG = f"""communities:
  - name: Bench
engagement:
  kudos: {{daily_allowance: {KUDOS_ALLOWANCE}}}
"""


class Server:
    """A child process that prints `Listening on http://127.0.0.1:PORT` once it serves."""

    def __init__(self, name, command, env=None, cwd=None):
        self.name = name
        self.process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.port = None
        deadline = time.monotonic() + 60
        for line in self.process.stdout:
            found = re.match(r"Listening on http://127\.0\.0\.1:(\d+)", line)
            if found:
                self.port = int(found.group(1))
                break
            if time.monotonic() > deadline:
                break
        if self.port is None:
            self.stop()
            raise RuntimeError(f"{name} did not start")
        threading.Thread(target=lambda: [None for _ in self.process.stdout], daemon=True).start()

    def cpu_seconds(self):
        fields = pathlib.Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def resident_mib(self):
        status = pathlib.Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Platform:
    """How one platform's requests look: the kudos a member gives, and a member's first contact."""

    def __init__(self, name, path, member_id, sign):
        self.name, self.path, self.member_id, self.sign = name, path, member_id, sign

    def line(self, body, headers):
        header_text = "\x01".join(f"{name}: {value}" for name, value in headers.items())
        return f"POST\t{self.path}\t{header_text}\t{body.decode()}"

    def request(self, member, text, unique):
        body, headers = self.sign(self.member_id(member), text, unique)
        return body, headers


SLACK_SIGNER = SignatureVerifier(SLACK_SECRET)


@functools.cache
def encoded_response_url_prefix(base):
    return urllib.parse.quote_plus(base + "/commands/T0001/")


def slack_request(user, text, unique):
    # The form Slack posts, encoded as `urllib.parse.urlencode` would; built from its fixed part, because the
    # sustained run signs millions of these and encoding every field each time took most of the harness's time.
    body = (f"token=deprecated&team_id=T0001&team_domain=bench&channel_id=C2147483705&channel_name=general"
            f"&user_id={user}&user_name={user}&command=%2Fcop"  # user ids are letters and digits
            f"&text={urllib.parse.quote_plus(text)}&api_app_id=A123456"
            # Slack gives every invocation a response_url of its own, so each late reply has a delivery lane of its own.
            f"&response_url={encoded_response_url_prefix(REPLY_BASE['url'])}{unique}%2F8088930838d88f008e0"
            f"&trigger_id={unique}.738474920.8088930838d88f008e0").encode()
    timestamp = str(int(time.time()))
    signature = SLACK_SIGNER.generate_signature(timestamp=timestamp, body=body)
    return body, {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature,
                  "Content-Type": "application/x-www-form-urlencoded"}


def discord_request(user, text, unique):
    body = json.dumps({
        "id": str(1_100_000_000_000_000_000 + unique), "application_id": "2", "type": 2, "token": f"t{unique}",
        "version": 1, "guild_id": "5", "channel_id": "6",
        "member": {"user": {"id": user, "username": f"m{user[-6:]}", "global_name": f"M{user[-6:]}"}},
        "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": text}]},
    }, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    signature = DISCORD_KEY.sign(timestamp.encode() + body).signature.hex()
    return body, {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp,
                  "Content-Type": "application/json"}


def playground_request(user, text, _unique):
    body = json.dumps({"member": user, "text": f"/cop {text}"}, separators=(",", ":")).encode()
    return body, {"Content-Type": "application/json"}


PLATFORMS = {
    "slack": Platform("slack", "/slack/commands", lambda n: f"U{n:08d}", slack_request),
    "discord": Platform("discord", "/discord/interactions", lambda n: str(80_351_110_224_678_912 + n),
                        discord_request),
    "playground": Platform("playground", "/playground/api/messages", lambda n: f"m{n}", playground_request),
}


def mention(platform, member):
    member_id = platform.member_id(member)
    return {"slack": f"<@{member_id}>", "discord": f"<@{member_id}>"}.get(platform.name, f"@{member_id}")


def kudos_file(folder, platform, members, count, first_unique, command=None):
    """`count` distinct signed kudos, spread evenly over the givers so nobody exceeds the daily allowance (or, with
    `command`, that command instead, each request still distinct)."""
    path = folder / f"{platform.name}-{first_unique}.requests"
    with path.open("w") as out:
        for n in range(count):
            giver, receiver = n % members, (n + 1 + n // members) % members
            if receiver == giver:
                receiver = (receiver + 1) % members
            text = command or f"kudos {mention(platform, receiver)} for helping with case {first_unique + n}"
            out.write(platform.line(*platform.request(giver, text, first_unique + n)) + "\n")
    return path


def signed_kudos_file(folder, platform_name, members, count, first_unique, reply_url, command=None):
    """`kudos_file` in another process (which needs the platform by name and where late replies go)."""
    REPLY_BASE["url"] = reply_url
    return kudos_file(folder, PLATFORMS[platform_name], members, count, first_unique, command)


def wrk(url, duration, threads, connections, requests_file=None, delay_ms=0, folder=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if requests_file is not None:
        script = HERE / "requests.lua"
        if delay_ms:
            script = folder / "paced.lua"
            script.write_text((HERE / "requests.lua").read_text() + (HERE / "paced.lua").read_text())
        command += ["-s", str(script), url, "--", str(requests_file), str(delay_ms), str(threads)]
    else:
        command.append(url)
    # The signed requests files the harness just wrote are still dirty in the page cache; the kernel writes them back
    # about 30 s later, and the server's fsyncs on the same disk then wait 20-30 ms behind that writeback. Written
    # back now, they stay out of the measured run.
    os.sync()
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stdout}{finished.stderr}")
    return parse_wrk(finished.stdout)


def parse_wrk(output):
    def milliseconds(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    requests = int(re.search(r"(\d+) requests in", output).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    late = re.search(r"Late sends: (\d+)", output)  # a paced run's requests that left behind their schedule
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "failed": int(failed.group(1)) if failed else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
        **({"late_sends": int(late.group(1))} if late else {}),
    }


def measure(server, run):
    """Runs `run()` (a wrk result) and adds the server's CPU time per request and its memory."""
    before = server.cpu_seconds()
    result = run()
    result["cpu_us"] = (server.cpu_seconds() - before) * 1e6 / max(result["requests"], 1)
    result["rss_mib"] = server.resident_mib()
    return result


def introduce_members(server, platform, members, first=0):
    """First contacts (`/cop me`) of members `first` … `members - 1`, 8 at a time; returns the server's CPU µs per
    first contact."""
    def send(batch):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        for member in batch:
            body, headers = platform.request(member, "me", 500_000_000 + member)
            connection.request("POST", platform.path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{platform.name}: a first contact got {response.status}")
        connection.close()

    before = server.cpu_seconds()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(send, [range(start, members, 8) for start in range(first, first + 8)]))
    return (server.cpu_seconds() - before) * 1e6 / max(members - first, 1)


def probe_size(members):
    """How many of the members make their first contact last, measured on their own against a community that
    already holds all the others: what a first contact costs at that size."""
    return max(1, min(2_000, members // 5))


def wait_until_idle(server, timeout=900):
    """Waits until the server idles (under 5% of a core for a second): the messages its first contacts queued
    (welcomes, notes to the convenors) are delivered or set aside, so the kudos runs measure kudos alone. Returns
    the server's CPU µs spent meanwhile and the seconds waited."""
    start, cpu_before = time.monotonic(), server.cpu_seconds()
    while time.monotonic() - start < timeout:
        before = server.cpu_seconds()
        time.sleep(1)
        if server.cpu_seconds() - before < 0.05:
            break
    return (server.cpu_seconds() - cpu_before) * 1e6, time.monotonic() - start


def check_kudos_work(server, platform):
    """One kudos outside the measured runs, to make sure the runs measure kudos given and not refusals."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    body, headers = platform.request(0, f"kudos {mention(platform, 1)} for the probe", 999_999_999)
    connection.request("POST", platform.path, body=body, headers=headers)
    response = connection.getresponse()
    answer = response.read().decode()
    connection.close()
    if response.status != 200 or "Kudos to" not in answer:
        raise RuntimeError(f"{platform.name}: a kudos was not given ({response.status}): {answer[:300]}")


def start_convener(arguments, folder, name):
    workdir = folder / name
    workdir.mkdir()
    (workdir / "convener.yaml").write_text(DAEMON_CONFIG)
    env = {"SLACK_SIGNING_SECRET": SLACK_SECRET, "DISCORD_PUBLIC_KEY": DISCORD_KEY.verify_key.encode().hex(),
           "DISCORD_API_BASE_URL": f"{REPLY_BASE['url']}/discord", "CONVENER_LOG_LEVEL": "warning"}
    return Server(name, [arguments.convener, "serve", "--listen", "127.0.0.1:0", "--state-dir", "state"],
                  env=env, cwd=workdir)


def metric(server, name):
    """The sum of a counter or gauge over its labels, from the server's `/metrics`."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("GET", "/metrics")
    text = connection.getresponse().read().decode()
    connection.close()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name + "{"))


def sustained(server, url, arguments, folder, platform, rate, first_unique, capacity):
    """`--minutes` back-to-back wrk runs of a minute each, every request distinct; after each, the server's CPU per
    command, its memory and its outbox, so a server that slows or grows as it runs shows it minute by minute.

    Slack refuses signatures older than 5 minutes, so each minute's requests are signed while the minute before
    runs (in a second process: the next wrk run starts as soon as the last ends). A minute's file holds `rate`
    requests a second, raised to 1.5 times the fastest minute so far."""
    minutes = []
    used = first_unique

    def sign_next():
        nonlocal used
        count = min(int(rate * arguments.minute_seconds) + 500, capacity - used)
        future = signer.submit(signed_kudos_file, folder, platform.name, arguments.members, count, used,
                               REPLY_BASE["url"], arguments.sustained_command)
        used += count
        return future

    with concurrent.futures.ProcessPoolExecutor(1) as signer:
        upcoming = sign_next()
        for index in range(arguments.minutes):
            requests = upcoming.result()
            if index + 1 < arguments.minutes:
                upcoming = sign_next()
            before = metric(server, "convener_inputs_total")
            profiled = index in (0, arguments.minutes - 1)  # with --perf: the first minute against the last
            profile = recording(arguments, server, f"{platform.name}-minute-{index + 1}")
            with profile if profiled else contextlib.nullcontext():
                minute = measure(server, lambda: wrk(url, arguments.minute_seconds, arguments.threads,
                                                     arguments.connections, requests, folder=folder))
            minute["commands"] = metric(server, "convener_inputs_total") - before
            minute["outbox"] = metric(server, "convener_outbox_messages")
            minutes.append(minute)
            requests.unlink()
            rate = max(rate, minute["rps"] * 1.5)
    return minutes


@contextlib.contextmanager
def recording(arguments, server, name):
    """With `--perf PREFIX`, records the server with `perf record -g` into `PREFIX-name.data` while the block runs."""
    if not arguments.perf:
        yield
        return
    perf = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-p", str(server.process.pid), "-o",
                             f"{arguments.perf}-{name}.data"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)  # perf takes a moment to attach; a first-contact run over in under a second was recorded empty
    try:
        yield
    finally:
        perf.send_signal(2)
        perf.wait()


def run_platform(arguments, folder, platform, expected_rps):
    capacity = arguments.members * (KUDOS_ALLOWANCE - 1)  # distinct kudos a day; the probe uses one
    paced_need = int(arguments.rate * arguments.duration * 1.2) + 100 if arguments.rate else 0
    # Room for 0.6 of bare Hummingbird's rate (the goal is 0.5): signing a file sized for all of it took minutes.
    full_count = min(capacity - paced_need, int(expected_rps * 0.6 * arguments.duration) + 2_000)
    if arguments.minutes:  # leave most of the day's kudos to the sustained run
        full_count = min(full_count, (capacity - paced_need) // (1 + arguments.minutes))
    if full_count < arguments.threads * 10:
        raise SystemExit(f"{arguments.members:,} members can give {capacity:,} kudos a day, too few for these runs: "
                         "raise --members")
    server = start_convener(arguments, folder, f"convener-{platform.name}")
    try:
        probe = probe_size(arguments.members)
        bulk_us = introduce_members(server, platform, arguments.members - probe)
        wait_until_idle(server)
        with recording(arguments, server, f"{platform.name}-first-contact"):
            first_contact_us = introduce_members(server, platform, arguments.members, arguments.members - probe)
        delivery_us, settle_seconds = wait_until_idle(server)
        check_kudos_work(server, platform)
        url = f"http://127.0.0.1:{server.port}"
        requests = kudos_file(folder, platform, arguments.members, full_count, 0)
        with recording(arguments, server, platform.name):
            result = measure(server, lambda: wrk(url, arguments.duration, arguments.threads, arguments.connections,
                                                 requests, folder=folder))
        result["bulk_first_contact_us"] = bulk_us
        result["first_contact_us"] = first_contact_us
        result["first_contact_probe"] = probe
        result["first_contact_delivery_us"] = delivery_us / probe
        result["settle_seconds"] = settle_seconds
        results = {"full": result}
        used = full_count
        if arguments.rate:
            paced_file = kudos_file(folder, platform, arguments.members, paced_need, used)
            used += paced_need
            connections = 8
            period_ms = connections * 1000 / arguments.rate  # each connection's, on a thread of its own
            # The saturated run leaves late replies queued and may have started a compaction; the paced run measures
            # a server at 500 req/s, not one still working through the overload before it.
            _, settle_seconds = wait_until_idle(server)
            results["paced"] = measure(server, lambda: wrk(url, arguments.duration, connections, connections,
                                                           paced_file, delay_ms=period_ms, folder=folder))
            results["paced"]["settle_seconds"] = settle_seconds
        if arguments.minutes:
            # Every request of the run is distinct, so a file too short would replay and fail the run: sized well
            # above this server's saturated rate (which a busy machine can understate) and never below a quarter
            # of bare Hummingbird's.
            rate = max(result["rps"] * 2, expected_rps * 0.25)
            if arguments.sustained_command:  # a command other than kudos uses no allowance
                capacity = math.inf
            if used + (rate * arguments.minute_seconds + 500) * arguments.minutes > capacity:
                need = int(used + (rate * arguments.minute_seconds + 500) * arguments.minutes)
                raise SystemExit(f"a {arguments.minutes}-minute run at up to {rate:,.0f} req/s needs {need:,} "
                                 f"distinct kudos; {arguments.members:,} members can give {capacity:,} a day: use "
                                 f"--members {need // (KUDOS_ALLOWANCE - 1) + 1:,} or more")
            results["minutes"] = sustained(server, url, arguments, folder, platform, rate, used, capacity)
        return results
    finally:
        server.stop()


def run_bolt(arguments, folder, expected_rps):
    platform = PLATFORMS["slack"]
    server = Server("bolt", [sys.executable, str(HERE / "bolt_peer.py"), "0", SLACK_SECRET,
                             str(folder / "bolt-journal")])
    try:
        count = min(arguments.members * KUDOS_ALLOWANCE, int(expected_rps * arguments.duration) + 2_000)
        requests = kudos_file(folder, platform, arguments.members, count, 900_000_000)
        return {"full": measure(server, lambda: wrk(f"http://127.0.0.1:{server.port}", arguments.duration,
                                                    arguments.threads, arguments.connections, requests,
                                                    folder=folder))}
    finally:
        server.stop()


def floor(arguments, sink):
    """What the parts of a signed kudos that no design can leave out cost here, each alone (`convener bench floor`)."""
    output = subprocess.run([arguments.convener, "bench", "floor", "--sink", f"http://127.0.0.1:{sink.port}/floor",
                             "--count", str(arguments.floor_count), "--json"],
                            capture_output=True, text=True, timeout=600)
    if output.returncode != 0:
        raise SystemExit(f"convener bench floor failed: {output.stderr.strip()}")
    return json.loads(output.stdout)


def floor_report(parts, bare_us, measured):
    """Bare Hummingbird's own request plus the parts each platform's kudos cannot do without, beside what Convener's
    kudos cost (`measured`, CPU µs per request by platform), as a table; and the figures in it."""
    least = {
        "slack": bare_us + parts["slack_verify_us"] + parts["late_reply_us"],
        "discord": bare_us + parts["discord_verify_us"] + parts["late_reply_us"],
        "playground": bare_us,
    }
    lines = [f"Floor (`convener bench floor`, each part alone, through the daemon's own code): a Slack signature check "
             f"{parts['slack_verify_us']:,.1f} µs, a Discord one (Ed25519) {parts['discord_verify_us']:,.1f} µs, a late "
             f"reply sent through libcurl {parts['late_reply_us']:,.1f} µs of the sender's CPU, an append with an fsync "
             f"of its own {parts['fsync_us']:,.1f} µs. Half of bare Hummingbird's rate leaves {2 * bare_us:,.0f} µs of "
             "CPU a request.",
             "",
             "| Kudos on | least CPU µs/req: bare's request + the parts | highest share of bare's rate "
             "| Convener's CPU µs/req | Convener / least |",
             "|---|---|---|---|---|"]
    shares, above = {}, {}
    for name_, microseconds in least.items():
        if name_ not in measured:
            continue
        shares[name_], above[name_] = bare_us / microseconds, measured[name_] / microseconds
        lines.append(f"| {name_} | {microseconds:,.0f} | {shares[name_]:.2f} | {measured[name_]:,.0f} "
                     f"| {above[name_]:.2f} |")
    return "\n".join(lines), {"highest_share": shares, "convener_over_least": above}


def row(label, result, baseline):
    ratio = result["rps"] / baseline["rps"] if baseline else 1.0
    failed = f" ({result['failed']} refused)" if result["failed"] else ""
    return (f"| {label} | {result['rps']:,.0f}{failed} | {result['p50']:.2f} ms | {result['p99']:.2f} ms "
            f"| {result['cpu_us']:,.0f} | {result['rss_mib']:,.0f} MiB | {ratio:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--convener", default=str(HERE.parents[1] / ".build" / "release" / "convener"))
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--members", type=int, default=2_000, help="the community's size")
    parser.add_argument("--platforms", default="slack,discord,playground")
    parser.add_argument("--rate", type=int, default=500, help="a paced run at this many req/s (0: none)")
    parser.add_argument("--minutes", type=int, default=0, help="a sustained run of this many minutes (slack)")
    parser.add_argument("--sustained-command", help="the command the sustained run sends instead of kudos, such as "
                        "`help`: its state does not grow, so its memory is what the request path holds")
    parser.add_argument("--minute-seconds", type=int, default=60,
                        help="how long a minute of the sustained run lasts (shorter only to check the harness)")
    parser.add_argument("--no-python", action="store_true", help="skip the Slack Bolt peer")
    parser.add_argument("--no-reply-sink", action="store_true",
                        help="leave late replies undeliverable (they pile up in the outbox) instead of serving them")
    parser.add_argument("--floor-count", type=int, default=20_000,
                        help="how many of each part `convener bench floor` measures (0: no floor)")
    parser.add_argument("--json", help="also write every figure to this file")
    parser.add_argument("--perf", help="record each Convener server's saturated run with `perf record -g` into "
                                       "PERF-PLATFORM.data, and a sustained run's first and last minutes into "
                                       "PERF-slack-minute-N.data")
    arguments = parser.parse_args()
    arguments.convener = str(pathlib.Path(arguments.convener).resolve())

    with tempfile.TemporaryDirectory(prefix="convener-bench-http-") as name:
        folder = pathlib.Path(name)
        bare = Server("bare", [arguments.convener, "bench", "bare-server"])
        try:
            figures = {"bare": {"full": measure(bare, lambda: wrk(f"http://127.0.0.1:{bare.port}/health",
                                                                  arguments.duration, arguments.threads,
                                                                  arguments.connections))}}
        finally:
            bare.stop()
        expected = figures["bare"]["full"]["rps"]
        sink = None if arguments.no_reply_sink else Server("reply sink", [arguments.convener, "bench", "bare-server"])
        try:
            if sink:
                REPLY_BASE["url"] = f"http://127.0.0.1:{sink.port}"
                if arguments.floor_count:
                    figures["floor"] = floor(arguments, sink)
            for name_ in arguments.platforms.split(","):
                minutes = arguments.minutes if name_ == "slack" else 0
                figures[name_] = run_platform(argparse.Namespace(**{**vars(arguments), "minutes": minutes}),
                                              folder, PLATFORMS[name_], expected)
        finally:
            if sink:
                sink.stop()
        if not arguments.no_python:
            figures["bolt"] = run_bolt(arguments, folder, expected)

    baseline = figures["bare"]["full"]
    print(f"\n{arguments.members:,} members, wrk -t{arguments.threads} -c{arguments.connections}, "
          f"{arguments.duration} s per run, {os.cpu_count()} cores\n")
    print("| Server, work | req/s | p50 | p99 | CPU µs/req | memory | vs bare |")
    print("|---|---|---|---|---|---|---|")
    print(row("bare Hummingbird, GET /health", baseline, None))
    for name_ in arguments.platforms.split(","):
        print(row(f"Convener, {name_} `/cop kudos`, distinct and durable", figures[name_]["full"], baseline))
        if "paced" in figures[name_]:
            print(row(f"Convener, {name_}, paced at {arguments.rate} req/s", figures[name_]["paced"], baseline))
    if "bolt" in figures:
        print(row("Slack Bolt for Python, the same kudos by hand", figures["bolt"]["full"], baseline))
    print()
    for name_ in arguments.platforms.split(","):
        full = figures[name_]["full"]
        print(f"{name_}: a first contact costs {full['first_contact_us']:,.0f} µs of CPU at {arguments.members:,} "
              f"members (the last {full['first_contact_probe']:,} to join; {full['bulk_first_contact_us']:,.0f} µs "
              f"over the others), and delivering what it queued {full['first_contact_delivery_us']:,.0f} µs more "
              f"(idle again after {full['settle_seconds']:,.0f} s)")
        paced = figures[name_].get("paced")
        if paced:
            print(f"{name_}: {paced.get('late_sends', 0):,} of the paced run's {paced['requests']:,} requests left over "
                  "a millisecond behind their schedule (their wait for the one before is not in the latencies)")
    if "floor" in figures:
        measured = {name_: figures[name_]["full"]["cpu_us"] for name_ in arguments.platforms.split(",")}
        table, ratios = floor_report(figures["floor"], baseline["cpu_us"], measured)
        figures["floor"].update(ratios)
        print(f"\n{table}\n")
    if "bolt" in figures and "slack" in figures:
        print(f"Convener slack / Bolt for Python: {figures['slack']['full']['rps'] / figures['bolt']['full']['rps']:.2f}x")
    minutes = figures.get("slack", {}).get("minutes")
    if minutes:
        print("\nSustained Slack kudos, per minute (req/s, p99, CPU µs per request, memory, outbox after it):")
        for index, minute in enumerate(minutes, 1):
            print(f"  minute {index}: {minute['rps']:,.0f} req/s, p99 {minute['p99']:.1f} ms, {minute['cpu_us']:,.0f} µs, "
                  f"{minute['rss_mib']:,.0f} MiB, {minute['outbox']:,.0f} queued")
        print(f"  last minute / first minute: {minutes[-1]['rps'] / minutes[0]['rps']:.2f}")
    if arguments.json:
        pathlib.Path(arguments.json).write_text(json.dumps(figures, indent=2))
    runs = [(name_, run) for name_, platform_runs in figures.items() if name_ != "floor"
            for value in platform_runs.values()
            for run in (value if isinstance(value, list) else [value])]
    refused = sorted({name_ for name_, run in runs if run["failed"] or run["socket_errors"]})
    if refused:
        print(f"\nWarning: refused requests or socket errors in {', '.join(refused)}: the figures are not clean "
              "(a run that outlasts its distinct requests replays them; raise --members)")
        sys.exit(1)


if __name__ == "__main__":
    main()
