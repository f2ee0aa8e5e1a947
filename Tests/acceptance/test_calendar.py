"""Community events: recurrence rules against python-dateutil, and the ICS feed read by the icalendar package."""
import random
import subprocess
from datetime import datetime

from dateutil.rrule import rrulestr

from conftest import BINARY

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def random_rule(rng):
    frequency = rng.choice(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
    parts = [f"FREQ={frequency}"]
    if rng.random() < 0.4:
        parts.append(f"INTERVAL={rng.randint(2, 4)}")
    if frequency == "WEEKLY":
        if rng.random() < 0.7:
            parts.append("BYDAY=" + ",".join(rng.sample(DAYS, rng.randint(1, 3))))
        if rng.random() < 0.3:
            parts.append("WKST=" + rng.choice(["MO", "SU"]))
    if frequency in ("MONTHLY", "YEARLY"):
        shape = rng.random()
        if shape < 0.35:
            parts.append("BYDAY=" + ",".join(f"{rng.choice([1, 2, 3, 4, -1, -2])}{day}"
                                             for day in rng.sample(DAYS, rng.randint(1, 2))))
        elif shape < 0.6:
            parts.append("BYMONTHDAY=" + ",".join(str(rng.choice([1, 5, 15, 28, 29, 30, 31, -1, -2]))
                                                  for _ in range(rng.randint(1, 2))))
        elif shape < 0.75:
            parts.append("BYDAY=MO,TU,WE,TH,FR")
            parts.append(f"BYSETPOS={rng.choice([1, -1, 2])}")
    if frequency == "YEARLY" and (any(p.startswith("BYDAY") for p in parts) or rng.random() < 0.5):
        parts.append("BYMONTH=" + ",".join(str(m) for m in sorted(rng.sample(range(1, 13), rng.randint(1, 3)))))
    if frequency == "DAILY" and rng.random() < 0.4:
        parts.append("BYDAY=" + ",".join(rng.sample(DAYS, 2)))
    ending = rng.random()
    if ending < 0.3:
        parts.append(f"COUNT={rng.randint(1, 40)}")
    elif ending < 0.5:
        parts.append(f"UNTIL={rng.randint(2026, 2027)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}T235900")
    return ";".join(parts)


def test_recurrence_rules_agree_with_dateutil_over_two_years():
    rng = random.Random(5545)
    mismatches = []
    for _ in range(300):
        rule = random_rule(rng)
        start = datetime(2026, rng.randint(1, 12), rng.randint(1, 28), rng.choice([9, 12, 18]), rng.choice([0, 30]))
        through = start.replace(year=start.year + 2)
        ours = subprocess.run([BINARY, "schedule", "instances", rule, "--start", start.strftime("%Y-%m-%dT%H:%M"),
                               "--through", through.strftime("%Y-%m-%dT%H:%M")],
                              capture_output=True, text=True, timeout=30)
        assert ours.returncode == 0, (rule, ours.stderr)
        theirs = [moment.strftime("%Y-%m-%dT%H:%M") for moment in rrulestr(rule, dtstart=start).between(
            start, through, inc=True)]
        if ours.stdout.split() != theirs:
            mismatches.append((rule, start.isoformat(), ours.stdout.split()[:5], theirs[:5]))
    assert mismatches == [], mismatches[:5]


def test_a_rule_it_cannot_use_is_refused_with_the_reason():
    result = subprocess.run([BINARY, "schedule", "instances", "FREQ=HOURLY", "--start", "2026-01-06T18:00"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode != 0
    assert "FREQ=HOURLY is not supported for community events; use DAILY, WEEKLY, MONTHLY or YEARLY" in result.stderr
    result = subprocess.run([BINARY, "schedule", "instances", "FREQ=WEEKLY;BYHOUR=9", "--start", "2026-01-06T18:00"],
                            capture_output=True, text=True, timeout=30)
    assert "BYHOUR cannot be used: events repeat at their start's time of day" in result.stderr


CALENDAR_CONFIG = """\
communities:
  - name: Data Science
    timezone: Europe/Berlin
    convenors: ["convenor"]
    holidays: ["2026-03-31"]
    events:
      - id: meetup
        title: "Monthly meetup; bring a question, a win, or both"
        start: "2026-03-03T18:00"
        duration_minutes: 90
        rrule: "FREQ=WEEKLY;BYDAY=TU"
        location: "Room 4.12, Alexanderplatz 1"
        link: "https://meet.example.org/ds"
        cancelled: ["2026-03-17"]
      - id: office-hours
        title: Office hours
        start: "2026-03-02T12:00"
        duration_minutes: 30
        cron: "0 12 * * MON"
"""


def fetch(daemon, path):
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{daemon.port}{path}", timeout=10) as response:
            return response.status, response.headers.get("Content-Type"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), error.read().decode()


def test_the_calendar_feed_is_valid_ics_across_dst_and_a_holiday(make_daemon, tmp_path):
    from icalendar import Calendar
    from zoneinfo import ZoneInfo

    (tmp_path / "convener.yaml").write_text(CALENDAR_CONFIG)
    environment = {"CONVENER_CALENDAR_KEY": "feed-key-for-tests", "CONVENER_TEST_CLOCK": "2026-03-01T10:00:00Z"}
    closed = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-01T10:00:00Z"}).start()
    status, _, body = fetch(closed, "/calendar/data-science/00000000000000000000000000000000.ics")
    assert status == 404 and "calendar_key" in body
    assert closed.stop() == 0

    daemon = make_daemon(env=environment).start()
    listed = subprocess.run([BINARY, "calendar", "url"], cwd=tmp_path, capture_output=True, text=True, timeout=30,
                            env={"CONVENER_CALENDAR_KEY": "feed-key-for-tests", "PATH": "/usr/bin:/bin"})
    assert listed.returncode == 0, listed.stderr
    community, url = listed.stdout.strip().split("\t")
    assert community == "data-science"
    path = "/" + url.split("/", 3)[3]
    assert fetch(daemon, path.replace(".ics", "0.ics"))[0] == 404
    assert fetch(daemon, path.replace("data-science", "ux"))[0] == 404

    status, content_type, body = fetch(daemon, path)
    assert status == 200 and content_type.startswith("text/calendar")
    assert "\r\n" in body and all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    calendar = Calendar.from_ical(body)
    assert str(calendar["X-WR-CALNAME"]) == "Data Science"
    zones = [component for component in calendar.walk("VTIMEZONE")]
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Berlin"]
    events = [component for component in calendar.walk("VEVENT")]
    series = {str(event["UID"]): event for event in events if "RECURRENCE-ID" not in event}
    assert set(series) == {"meetup@data-science.convener", "office-hours@data-science.convener"}
    meetup = series["meetup@data-science.convener"]
    assert str(meetup["SUMMARY"]) == "Monthly meetup; bring a question, a win, or both"
    assert str(meetup["LOCATION"]) == "Room 4.12, Alexanderplatz 1"
    assert meetup["RRULE"].to_ical().decode() == "FREQ=WEEKLY;BYDAY=TU"
    start = meetup["DTSTART"].dt
    assert start == datetime(2026, 3, 3, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert start.utcoffset().total_seconds() == 3600
    assert meetup["DURATION"].dt.total_seconds() == 90 * 60
    excluded = sorted(moment.dt.replace(tzinfo=None) for exdate in
                      (meetup["EXDATE"] if isinstance(meetup["EXDATE"], list) else [meetup["EXDATE"]])
                      for moment in exdate.dts)
    assert excluded == [datetime(2026, 3, 17, 18, 0), datetime(2026, 3, 31, 18, 0)]
    cancelled = sorted((event["RECURRENCE-ID"].dt, str(event["STATUS"])) for event in events
                       if "RECURRENCE-ID" in event and str(event["UID"]) == "meetup@data-science.convener")
    assert [(moment.replace(tzinfo=None), state) for moment, state in cancelled] == [
        (datetime(2026, 3, 17, 18, 0), "CANCELLED"), (datetime(2026, 3, 31, 18, 0), "CANCELLED")]
    # Across the spring change (2026-03-29) the meetup stays at 18:00 local: +01:00 before, +02:00 after.
    instances = [moment for moment in rrulestr("FREQ=WEEKLY;BYDAY=TU", dtstart=start).between(
        start, datetime(2026, 4, 8, tzinfo=ZoneInfo("Europe/Berlin")), inc=True)]
    kept = [moment for moment in instances if moment.replace(tzinfo=None) not in excluded]
    assert [(moment.day, moment.utcoffset().total_seconds() / 3600) for moment in kept] == [
        (3, 1.0), (10, 1.0), (24, 1.0), (7, 2.0)]
    office = series["office-hours@data-science.convener"]
    assert office["DTSTART"].dt == datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    rdates = [moment.dt for rdate in (office["RDATE"] if isinstance(office["RDATE"], list) else [office["RDATE"]])
              for moment in rdate.dts]
    assert rdates[0] == datetime(2026, 3, 9, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert all(moment.weekday() == 0 and moment.hour == 12 for moment in rdates)
    assert fetch(daemon, path)[2].split("DTSTAMP")[0] == body.split("DTSTAMP")[0]  # stable UIDs and layout
    listed = daemon.say("pat", "/cop events")[0]["text"]
    assert listed.splitlines()[:4] == [
        "📅 Next on the Data Science calendar:",
        "• 2026-03-02 12:00 (Europe/Berlin): Office hours",
        "• 2026-03-03 18:00 (Europe/Berlin): Monthly meetup; bring a question, a win, or both — "
        "Room 4.12, Alexanderplatz 1, https://meet.example.org/ds",
        "• 2026-03-09 12:00 (Europe/Berlin): Office hours",
    ]
    assert path in listed
    assert daemon.stop() == 0
