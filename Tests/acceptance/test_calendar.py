"""Community events: recurrence rules against python-dateutil, and the ICS feed read by the icalendar package."""
import random
import subprocess
import time
from datetime import datetime

from dateutil.rrule import rrulestr

from conftest import BINARY, wait_for

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


FEED_KEY = "feed-key-for-tests"


def feed_path(tmp_path):
    listed = subprocess.run([BINARY, "calendar", "url"], cwd=tmp_path, capture_output=True, text=True, timeout=30,
                            env={"CONVENER_CALENDAR_KEY": FEED_KEY, "PATH": "/usr/bin:/bin"})
    assert listed.returncode == 0, listed.stderr
    return "/" + listed.stdout.strip().split("\t")[1].split("/", 3)[3]


def feed_series(daemon, path):
    """The feed's series VEVENTs by event id, read by the icalendar package."""
    from icalendar import Calendar
    status, _, body = fetch(daemon, path)
    assert status == 200, body
    return {str(event["UID"]).split("@")[0]: event for event in Calendar.from_ical(body).walk("VEVENT")
            if "RECURRENCE-ID" not in event}


def test_a_changed_event_gets_the_next_sequence_once_across_restarts(make_daemon, tmp_path):
    from zoneinfo import ZoneInfo

    config = tmp_path / "convener.yaml"
    config.write_text(CALENDAR_CONFIG)
    first = make_daemon(env={"CONVENER_CALENDAR_KEY": FEED_KEY, "CONVENER_TEST_CLOCK": "2026-03-01T10:00:00Z"})
    first.start()
    path = feed_path(tmp_path)
    seen = wait_for(lambda: (lambda s: s if "LAST-MODIFIED" in s["meetup"] else None)(feed_series(first, path)))
    assert seen, "the first tick records each event's revision"
    assert int(seen["meetup"]["SEQUENCE"]) == 0 and int(seen["office-hours"]["SEQUENCE"]) == 0
    assert seen["meetup"]["LAST-MODIFIED"].dt.replace(second=0) == datetime(2026, 3, 1, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert first.stop() == 0

    # The convenor moves the meetup an hour later; the next start bumps its SEQUENCE, and only its.
    config.write_text(CALENDAR_CONFIG.replace('start: "2026-03-03T18:00"', 'start: "2026-03-03T19:00"'))
    second = make_daemon(env={"CONVENER_CALENDAR_KEY": FEED_KEY, "CONVENER_TEST_CLOCK": "2026-03-02T10:00:00Z"})
    second.start()
    moved = wait_for(lambda: (lambda s: s if int(s["meetup"]["SEQUENCE"]) == 1 else None)(feed_series(second, path)))
    assert moved, "the changed event's SEQUENCE went up"
    meetup = moved["meetup"]
    assert meetup["DTSTART"].dt == datetime(2026, 3, 3, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert meetup["LAST-MODIFIED"].dt.replace(second=0) == datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert meetup["CREATED"].dt.replace(second=0) == datetime(2026, 3, 1, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert int(moved["office-hours"]["SEQUENCE"]) == 0
    assert second.stop() == 0

    # Unchanged, a restart keeps it.
    third = make_daemon(env={"CONVENER_CALENDAR_KEY": FEED_KEY, "CONVENER_TEST_CLOCK": "2026-03-03T10:00:00Z"})
    third.start()
    time.sleep(2.5)
    kept = feed_series(third, path)
    assert int(kept["meetup"]["SEQUENCE"]) == 1
    assert kept["meetup"]["LAST-MODIFIED"].dt == meetup["LAST-MODIFIED"].dt
    assert third.stop() == 0


REMINDER_RULES = """\
rules:
  - id: meetup-reminder
    trigger:
      reminder: {event: meetup, minutesBefore: 30}
    actions:
      - post: "⏰ {{ event.payload.title }} starts at {{ event.payload.when }}: {{ event.payload.link }}"
"""


def channel_texts(daemon):
    return [item["message"]["text"] for item in daemon.timeline("observer")["items"] if item["where"] == "channel"]


def reminder_for(day):
    return (f"⏰ Monthly meetup; bring a question, a win, or both starts at 2026-{day} 18:00 (Europe/Berlin): "
            "https://meet.example.org/ds")


def test_a_reminder_comes_once_before_each_instance_across_kills_dst_and_a_holiday(make_daemon, tmp_path):
    (tmp_path / "convener.yaml").write_text(CALENDAR_CONFIG + REMINDER_RULES)
    first_reminder = reminder_for("03-03")
    # The meetup on 2026-03-03 is at 18:00 CET (17:00Z): its reminder is due at 16:30Z. The clock runs 20x.
    first = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-03T16:29:00Z,20"}).start()
    assert wait_for(lambda: first_reminder in channel_texts(first), 20), channel_texts(first)
    first.kill()

    # Killed right after: the reminder was journaled with its fire, so it does not come again.
    second = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-03T16:31:00Z"}).start()
    time.sleep(2.5)
    assert first_reminder not in channel_texts(second)
    listed = second.say("pat", "/cop events")[0]["text"]
    assert "— ⏰ reminder 30 min before" in listed
    assert second.stop() == 0

    # 2026-03-31 is a holiday: no reminder at 15:30Z (18:00 CEST, after the spring change), though the clock passes it.
    third = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-03-31T15:29:00Z,20"}).start()
    time.sleep(5)
    assert not [text for text in channel_texts(third) if text.startswith("⏰")], channel_texts(third)
    assert third.stop() == 0

    # The next meetup, 2026-04-07 at 18:00 CEST (16:00Z): reminded at 15:30Z, once.
    fourth = make_daemon(env={"CONVENER_TEST_CLOCK": "2026-04-07T15:29:30Z,20"}).start()
    expected = reminder_for("04-07")
    assert wait_for(lambda: expected in channel_texts(fourth), 20), channel_texts(fourth)
    time.sleep(2)
    assert channel_texts(fourth).count(expected) == 1
    assert fourth.stop() == 0


PAIRING_CONFIG = """\
communities:
  - name: Data Science
    timezone: Europe/Berlin
    convenors: ["convenor"]
    holidays: ["2026-03-30"]
pairing:
  programs:
    - id: coffee
      kind: coffee
      cadence: "0 9 * * FRI"
rules: []
"""


def test_a_pairing_intro_links_an_ics_invitation_inside_both_members_working_hours(make_daemon, tmp_path):
    from icalendar import Calendar
    from zoneinfo import ZoneInfo

    (tmp_path / "convener.yaml").write_text(PAIRING_CONFIG)
    environment = {"CONVENER_CALENDAR_KEY": FEED_KEY}
    # Thursday: two members join, one in Berlin and one in New York; the first tick starts the program's rhythm.
    thursday = make_daemon(env={**environment, "CONVENER_TEST_CLOCK": "2026-03-26T12:00:00Z"}).start()
    for member, zone in [("ana", "Europe/Berlin"), ("ben", "America/New_York")]:
        assert thursday.say(member, f"/cop pair join --tz {zone}")[0]["text"].startswith("You're in!")
    time.sleep(2.5)
    assert thursday.stop() == 0

    # Friday 09:00 CET: the round. Monday 2026-03-30 is a holiday and the weekend brings Europe's spring change, so
    # the first half hour inside both 09:00-17:00 windows is Tuesday 13:00Z: 15:00 CEST, 09:00 EDT.
    friday = make_daemon(env={**environment, "CONVENER_TEST_CLOCK": "2026-03-27T08:00:05Z"}).start()

    def intro(member):
        items = friday.timeline(member)["items"]
        return next((item["message"]["text"] for item in items
                     if item["where"] == "dm" and "you are meeting" in item["message"]["text"]), None)

    assert wait_for(lambda: intro("ana") and intro("ben"), timeout=20)
    ana_line = next(line for line in intro("ana").splitlines() if line.startswith("📅"))
    ben_line = next(line for line in intro("ben").splitlines() if line.startswith("📅"))
    assert "2026-03-31 15:00 (Europe/Berlin)" in ana_line, ana_line
    assert "2026-03-31 09:00 (America/New_York)" in ben_line, ben_line
    path = ana_line.rsplit(" ", 1)[1]
    assert path.startswith("/calendar/invite/data-science.") and path.endswith(".ics")
    assert ben_line.endswith(path)

    status, content_type, body = fetch(friday, path)
    assert status == 200 and content_type.startswith("text/calendar"), body
    invitation = Calendar.from_ical(body)
    assert str(invitation["METHOD"]) == "REQUEST"
    (event,) = invitation.walk("VEVENT")
    start = event["DTSTART"].dt
    end = start + event["DURATION"].dt
    for zone in ["Europe/Berlin", "America/New_York"]:
        local_start, local_end = start.astimezone(ZoneInfo(zone)), end.astimezone(ZoneInfo(zone))
        assert local_start.weekday() < 5 and local_start.date() != datetime(2026, 3, 30).date()
        assert 9 <= local_start.hour and (local_end.hour, local_end.minute) <= (17, 0), (zone, local_start)
    assert start == datetime(2026, 3, 31, 13, 0, tzinfo=ZoneInfo("UTC"))
    assert str(event["UID"]).startswith("pairing-1-0@data-science")
    # An edited token (another group, another round) and a wrong MAC are refused alike.
    token = path.removeprefix("/calendar/invite/").removesuffix(".ics")
    community, round_number, group, mac = token.split(".")
    assert fetch(friday, f"/calendar/invite/{community}.{round_number}.1.{mac}.ics")[0] == 404
    assert fetch(friday, f"/calendar/invite/{community}.2.{group}.{mac}.ics")[0] == 404
    assert fetch(friday, f"/calendar/invite/{community}.{round_number}.{group}.{'0' * 32}.ics")[0] == 404
    assert friday.stop() == 0
