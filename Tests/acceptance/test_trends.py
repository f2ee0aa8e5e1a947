"""Weekly history through the real daemon: the trends API, the dashboard's trends page (rendered in headless
Chromium at desktop and phone widths), and `convener report` as CSV, JSON and a printable page (printed to PDF
by Chromium and read back with pdftotext)."""

import csv
import io
import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest

from conftest import REPO, run_cli, wait_for

TOKEN = "trends-test-token-7a2e"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MEMBERS = [f"member-{n}" for n in range(7)]
OUTPUT = pathlib.Path(os.environ.get("CONVENER_TEST_OUTPUT", REPO / ".build" / "test-output")) / "trends"


def say(daemon, member, text):
    """Types `text` as `member` in the playground, with the admin token it requires once one is set."""
    status, body, _ = daemon.request(
        "POST", "/playground/api/messages", {"member": member, "text": text}, headers=AUTH)
    assert status == 200, body


def click(daemon, member, message, action):
    status, body, _ = daemon.request(
        "POST", "/playground/api/actions", {"member": member, "message": message, "action": action}, headers=AUTH)
    assert status == 200, body


def trends(daemon, weeks="12"):
    status, body, _ = daemon.request("GET", f"/dashboard/api/trends?weeks={weeks}", headers=AUTH)
    return status, (json.loads(body) if status == 200 else body.decode())


def closed_weeks(daemon):
    status, document = trends(daemon)
    assert status == 200, document
    return [week for week in document["communities"][0]["weeks"] if not week["running"]]


@pytest.fixture
def lived_week(make_daemon, tmp_path):
    """A daemon whose first week (2026-01-05) was lived by seven members and then closed by the clock: they said
    hello, five thanked member-0 for a review (naming them in the reason too), and six voted in a poll that closed."""
    # One simulated minute a second: Monday 2026-01-12 00:00 UTC comes about 40 seconds in.
    daemon = make_daemon(
        env={"CONVENER_ADMIN_TOKEN": TOKEN, "CONVENER_TEST_CLOCK": "2026-01-11T23:40:00Z,60"}).start()
    for member in MEMBERS:
        say(daemon, member, f"hello from {member}")
    for member in MEMBERS[1:6]:
        say(daemon, member, "/cop kudos @member-0 for the patient code review, member-0 rocks")
    say(daemon, MEMBERS[0], '/cop poll "Where should we meet next?" "Library" "Online"')
    for number, member in enumerate(MEMBERS[:6]):
        click(daemon, member, "poll.P1", "poll.P1.vote.2" if number < 4 else "poll.P1.vote.1")
    say(daemon, MEMBERS[0], "/cop poll close P1")
    assert wait_for(lambda: closed_weeks(daemon), timeout=90), "the week did not close"
    return daemon


def test_the_week_closes_once_with_its_figures_and_the_api_holds_the_k_floor(lived_week):
    weeks = closed_weeks(lived_week)
    assert len(weeks) == 1
    week = weeks[0]
    assert week["week"] == "2026-01-05"
    assert week["members"] == 7 and week["joined"] == 7 and week["activeMembers"] == 7
    assert week["messages"] == 7 and week["kudos"] == 5 and week["pollVotes"] == 6
    # No one leaving and one poll are figures below k = 5: shown as "< 5".
    assert week["left"] == "< 5" and week["pollsOpened"] == "< 5"
    for key, value in week.items():
        if type(value) is int and key not in ("promptsPosted", "roundUpsPosted"):
            assert value >= 5, (key, value)
    status, document = trends(lived_week, "52")
    community = document["communities"][0]
    assert status == 200 and community["k"] == 5 and community["weeks"][-1]["running"] is True
    assert "funnel" in community and "highlights" in community
    assert "member-" not in json.dumps(document)
    # The round-ups' highlights: the poll with its winner and turnout, the kudos themes used by five kudos, and no
    # member's name, though the reasons named member-0.
    round_ups = community["highlights"]["roundUps"]
    assert round_ups["polls"] == [{"week": "2026-01-05", "question": "Where should we meet next?",
                                   "winners": ["Online"], "voters": 6}]
    assert [theme["theme"] for theme in round_ups["kudosThemes"]] == ["code", "patient", "review", "rocks"]
    assert "Poll “Where should we meet next?” (week of 2026-01-05): “Online” won, 6 voters." in round_ups["lines"]


@pytest.mark.parametrize("weeks", ["0", "161", "abc", "-3", "1.5"])
def test_a_bad_weeks_parameter_is_refused_with_a_clear_error(make_daemon, weeks):
    daemon = make_daemon(env={"CONVENER_ADMIN_TOKEN": TOKEN}).start()
    status, body = trends(daemon, weeks)
    assert status == 400
    assert f"(got '{weeks}')" in body and "from 1 to 160" in body


def test_the_trends_page_and_the_report(lived_week, tmp_path):
    status, body, headers = lived_week.request("GET", "/dashboard/trends?weeks=12", headers=AUTH)
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert "<script" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page
    assert page.count('<svg class="plot"') == 6 and page.count("<table>") >= 6 + 3
    assert "&lt; 5" in page and "member-" not in page
    assert 'aria-current="page">12 weeks' in page and "weeks=52" in page
    status, _, _ = lived_week.request("GET", "/dashboard/trends?community=nope", headers=AUTH)
    assert status == 404
    url = f"http://127.0.0.1:{lived_week.port}/dashboard/trends?weeks=12&token={TOKEN}"
    screenshots = render_in_chromium(url, tmp_path)

    assert lived_week.stop() == 0
    state = str(lived_week.state_dir)
    table = run_cli("report", "--state-dir", state, "--from", "2026-01-05", "--to", "2026-01-11", "--format", "csv",
                    cwd=tmp_path).stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [row["week"] for row in rows] == ["2026-01-05"]
    assert rows[0]["messages"] == "7" and rows[0]["commands"] == "7" and rows[0]["left"] == "< 5"
    document = json.loads(run_cli("report", "--state-dir", state, "--from", "2026-01-01", "--to", "2026-01-31",
                                  "--format", "json", cwd=tmp_path).stdout)
    assert document["from"] == "2026-01-05" and document["weeks"][0]["members"] == 7
    assert document["highlights"]["membersAtEnd"] == 7

    html = run_cli("report", "--state-dir", state, "--from", "2026-01-05", "--to", "2026-01-11", cwd=tmp_path).stdout
    assert "@media print" in html and "<script" not in html and "member-" not in html
    report = tmp_path / "report.html"
    report.write_text(html)
    text = print_to_pdf(report)
    assert "My Community" in text and "Size and growth" in text and "Participation" in text
    assert "2026-01-05" in text and "member-" not in text
    assert "From the round-ups" in text and "Where should we meet next?" in text and "“Online” won, 6 voters" in text
    assert "review (5 kudos)" in text
    assert screenshots

    bad = run_cli("report", "--state-dir", state, "--from", "2026-02-30", cwd=tmp_path, check=False)
    assert bad.returncode != 0 and "--from '2026-02-30' is not a date" in bad.stderr
    backwards = run_cli("report", "--state-dir", state, "--from", "2026-02-01", "--to", "2026-01-01",
                        cwd=tmp_path, check=False)
    assert backwards.returncode != 0 and "is after --to" in backwards.stderr


def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "headless Chromium is missing: run scripts/install-deps"
    return path


def render_in_chromium(url, tmp_path):
    """Screenshots of `url` at desktop and phone widths, into the tests' output folder."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shots = []
    for name, size in (("trends-desktop.png", "1280,2400"), ("trends-phone.png", "390,4200")):
        target = OUTPUT / name
        target.unlink(missing_ok=True)
        subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--user-data-dir={tmp_path / 'chromium'}", f"--window-size={size}", f"--screenshot={target}", url],
            check=True, capture_output=True, timeout=120)
        assert target.stat().st_size > 10_000, f"{target} looks empty"
        shots.append(target)
    return shots


def print_to_pdf(page):
    """Prints `page` to PDF with headless Chromium and returns the PDF's text as pdftotext reads it."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pdf = OUTPUT / "report.pdf"
    pdf.unlink(missing_ok=True)
    subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={page.parent / 'chromium-print'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120)
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), f"the report is not one page:\n{pages}"
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
