#!/usr/bin/env python3
"""Oracle for Convener's cron schedules: the next fire times according to cronsim.

Reads a JSON batch on stdin: [{"expr": "0 9 * * MON", "tz": "Europe/Berlin", "start": ISO-8601, "count": 20}]
("count" is optional, default 20; "@daily"-style shortcuts are expanded as Vixie cron does).
Writes one answer per case on stdout: a list of ISO-8601 times with offsets (fewer when cronsim gives up
after 50 years), or null when cronsim rejects the expression.
"""
import json
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from cronsim import CronSim, CronSimError

SHORTCUTS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


def answer(case):
    expr = case["expr"].strip()
    expr = SHORTCUTS.get(expr.lower(), expr)
    start = datetime.fromisoformat(case["start"]).astimezone(ZoneInfo(case["tz"]))
    try:
        sim = CronSim(expr, start)
    except CronSimError:
        return None
    fires = []
    for _ in range(case.get("count", 20)):
        try:
            fires.append(next(sim).isoformat())
        except StopIteration:
            break
    return fires


def main():
    batch = json.load(sys.stdin)
    json.dump([answer(case) for case in batch], sys.stdout)


if __name__ == "__main__":
    main()
