"""Two or more Convener binaries on the same work, run alternately, with medians: a change measured against its baseline.

Usage (from the repository root, with the test tools' venv and release builds):

    cp .build/release/convener /tmp/convener-before        # before the change
    swift build -c release                                  # after it
    .venv-test/bin/python Benchmarks/http/compare.py /tmp/convener-before .build/release/convener --rounds 3

On this 2-core VM one 10-second saturated run varies by ±20% from the next, more than most single changes move
it; running the binaries in turn, round after round, and comparing medians keeps the machine's drift out of the
ratio. Each round and binary starts `convener serve` on a fresh state folder behind the same reply stand-in as
`bench_http.py`, then measures:

- **first contacts**: `--members` members send `/cop me` (8 at a time, as `bench_http.py` does); the server's CPU
  µs and context switches (all its threads, from /proc) per first contact, over all but the first 500;
- **saturated kudos**: wrk (2 threads, 32 connections) replays distinct signed `/cop kudos` for `--duration`
  seconds; req/s, p99, the server's CPU µs and context switches per request, and the outbox's depth (sampled
  from `/metrics` twice a second), which shows whether the late-reply backlog held requests back;
- with `--then COMMAND` (such as `me` or `help`), then that command, distinct and signed, saturated for as long
  and measured the same way, against the state the kudos left: what a command costs once the community's
  ledger holds tens of thousands of kudos, or what a long reply costs.

Context switches per request count the handoffs between threads (event loop, Swift's cooperative pool, the
journal's fsync thread, libcurl's thread): unlike CPU time, they barely vary between runs.
"""

import argparse
import glob
import pathlib
import re
import statistics
import tempfile
import threading

import bench_http as bench


def context_switches(pid):
    """Voluntary and involuntary context switches of all the process's threads so far."""
    total = 0
    for path in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            text = pathlib.Path(path).read_text()
        except OSError:  # a thread that ended meanwhile
            continue
        total += sum(int(count) for count in re.findall(r"ctxt_switches:\s+(\d+)", text))
    return total


def first_contacts(server, platform, members, warm):
    """CPU µs and context switches per first contact of members `warm` … `members - 1`."""
    bench.introduce_members(server, platform, warm)
    bench.wait_until_idle(server)
    switches = context_switches(server.process.pid)
    cpu_us = bench.introduce_members(server, platform, members, warm)
    return {"cpu_us": cpu_us,
            "switches": (context_switches(server.process.pid) - switches) / max(members - warm, 1)}


def saturated(server, requests, arguments, folder, what):
    """A saturated wrk run of `requests` (`what` names them), with the outbox's depth sampled meanwhile."""
    bench.wait_until_idle(server)
    depths, done = [], threading.Event()

    def sample():
        while not done.wait(0.5):
            depths.append(bench.metric(server, "convener_outbox_messages"))

    sampler = threading.Thread(target=sample)
    sampler.start()
    switches = context_switches(server.process.pid)
    try:
        run = bench.measure(server, lambda: bench.wrk(f"http://127.0.0.1:{server.port}", arguments.duration, 2, 32,
                                                      requests, folder=folder))
    finally:
        done.set()
        sampler.join()
    if run["failed"]:
        raise SystemExit(f"{run['failed']:,} {what} were refused (replays: the run outlasted its distinct requests): "
                         "raise --kudos")
    run["switches"] = (context_switches(server.process.pid) - switches) / max(run["requests"], 1)
    run["outbox_max"] = max(depths, default=0)
    run["outbox_mean"] = statistics.mean(depths) if depths else 0
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="+", help="convener binaries, the baseline first")
    parser.add_argument("--platform", default="slack", choices=sorted(bench.PLATFORMS))
    parser.add_argument("--members", type=int, default=2_500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each saturated run")
    parser.add_argument("--kudos", type=int, default=60_000, help="distinct kudos signed for each round")
    parser.add_argument("--then", metavar="COMMAND", help="after the kudos, this command saturated (such as `me`)")
    arguments = parser.parse_args()
    warm = min(500, arguments.members // 2)
    if arguments.kudos > arguments.members * (bench.KUDOS_ALLOWANCE - 1):
        raise SystemExit(f"{arguments.members:,} members cannot give {arguments.kudos:,} kudos a day: raise --members")
    platform = bench.PLATFORMS[arguments.platform]
    runs = [[] for _ in arguments.binaries]  # by position: the same binary may be given twice
    paths = [str(pathlib.Path(binary).resolve()) for binary in arguments.binaries]  # servers run in their own folder
    with tempfile.TemporaryDirectory(prefix="convener-compare-") as name:
        folder = pathlib.Path(name)
        sink = bench.Server("reply sink", [paths[0], "bench", "bare-server"])
        bench.REPLY_BASE["url"] = f"http://127.0.0.1:{sink.port}"
        try:
            for round_ in range(arguments.rounds):
                # Signed afresh each round: Slack refuses signatures older than 5 minutes.
                requests = bench.kudos_file(folder, platform, arguments.members, arguments.kudos,
                                            round_ * arguments.kudos)
                then_requests = bench.kudos_file(
                    folder, platform, arguments.members, arguments.kudos, (arguments.rounds + round_) * arguments.kudos,
                    command=arguments.then) if arguments.then else None
                for index, binary in enumerate(arguments.binaries):
                    server = bench.start_convener(argparse.Namespace(convener=paths[index]), folder,
                                                  f"r{round_}-{index}")
                    try:
                        contact = first_contacts(server, platform, arguments.members, warm)
                        bench.check_kudos_work(server, platform)
                        kudos = saturated(server, requests, arguments, folder, "kudos")
                        then = (saturated(server, then_requests, arguments, folder, arguments.then)
                                if then_requests else None)
                    finally:
                        server.stop()
                    runs[index].append({"contact": contact, "kudos": kudos, "then": then})
                    print(f"round {round_ + 1}, {binary}: first contact {contact['cpu_us']:,.0f} µs "
                          f"({contact['switches']:.1f} switches); kudos {kudos['rps']:,.0f} req/s, "
                          f"{kudos['cpu_us']:,.0f} µs ({kudos['switches']:.1f} switches), p99 {kudos['p99']:.1f} ms, "
                          f"outbox mean {kudos['outbox_mean']:,.0f} (max {kudos['outbox_max']:,.0f})"
                          + (f"; {arguments.then} after {kudos['requests']:,} kudos {then['rps']:,.0f} req/s, "
                             f"{then['cpu_us']:,.0f} µs, p99 {then['p99']:.1f} ms" if then else ""), flush=True)
        finally:
            sink.stop()

    def median(index, part, key):
        return statistics.median(run[part][key] for run in runs[index])

    print(f"\n{arguments.platform}, {arguments.members:,} members, {arguments.rounds} rounds, medians "
          f"(ratio to {arguments.binaries[0]}):\n")
    columns = [("contact", "cpu_us", 0, "first contact µs"), ("contact", "switches", 1, "switches"),
               ("kudos", "rps", 0, "kudos req/s"), ("kudos", "cpu_us", 0, "kudos µs/req"),
               ("kudos", "switches", 1, "switches"), ("kudos", "p99", 1, "p99 ms"),
               ("kudos", "outbox_mean", 0, "outbox mean")]
    if arguments.then:
        columns += [("then", "rps", 0, f"{arguments.then} req/s"), ("then", "cpu_us", 0, f"{arguments.then} µs/req"),
                    ("then", "p99", 1, f"{arguments.then} p99 ms")]
    print("| binary | " + " | ".join(column[3] for column in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for index, binary in enumerate(arguments.binaries):
        cells = []
        for part, key, digits, _ in columns:
            value, base = median(index, part, key), median(0, part, key)
            ratio = f" ({value / base:.2f})" if index and base else ""
            cells.append(f"{value:,.{digits}f}{ratio}")
        print(f"| {binary} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
