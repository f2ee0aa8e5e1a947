"""Mail through a real SMTP server (aiosmtpd on loopback), read back with Python's email package."""
import email
import email.policy
import html.parser
import http.client
import pathlib
import re
import socket
import subprocess
import time
import urllib.parse

import pytest
from aiosmtpd.controller import Controller

from conftest import BINARY, wait_for


class Inbox:
    """Keeps every accepted message; refuses recipients at refused.example.org (and any address put in `refused`)
    with 550, and answers 451 to an address in `busy` as many times as its count says."""

    def __init__(self):
        self.messages = []
        self.refused = set()
        self.busy = {}
        self.attempts = {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.attempts[address] = self.attempts.get(address, 0) + 1
        if address.endswith("@refused.example.org") or address in self.refused:
            return "550 5.1.1 No such mailbox"
        if self.busy.get(address, 0) > 0:
            self.busy[address] -= 1
            return "451 4.7.1 Greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def to(self, address):
        """The parsed messages delivered to `address`, oldest first."""
        return [email.message_from_bytes(content, policy=email.policy.default)
                for _, recipients, content in self.messages if address in recipients]

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def write_config(tmp_path, port):
    (tmp_path / "convener.yaml").write_text(f"""\
email:
  smtp_url: "smtp://127.0.0.1:{port}"
  from: "cop@example.org"
  from_name: "Data Science Community"
""")


def run_email_test(tmp_path, to):
    return subprocess.run([BINARY, "email", "test", "--to", to], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin"})


def test_a_test_mail_arrives_as_text_and_html(smtp_server, tmp_path):
    controller, inbox = smtp_server
    write_config(tmp_path, controller.port)
    result = run_email_test(tmp_path, "ada@example.org")
    assert result.returncode == 0, result.stderr
    assert "Sent a test mail to ada@example.org" in result.stdout
    [(sender, recipients, content)] = inbox.messages
    assert sender == "cop@example.org" and recipients == ["ada@example.org"]
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert str(message["Subject"]) == "Convener: test mail ✓"
    assert message["From"].addresses[0].display_name == "Data Science Community"
    assert message["From"].addresses[0].addr_spec == "cop@example.org"
    assert message["Message-ID"].endswith("@example.org>")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "the email settings work" in text and "<b>Convener</b>" in html


def test_a_refused_address_is_permanent_and_an_unreachable_server_is_transient(smtp_server, tmp_path):
    controller, inbox = smtp_server
    write_config(tmp_path, controller.port)
    refused = run_email_test(tmp_path, "nobody@refused.example.org")
    assert refused.returncode != 0
    assert "retrying will not help" in refused.stderr and "550" in refused.stderr
    write_config(tmp_path, free_port())
    unreachable = run_email_test(tmp_path, "ada@example.org")
    assert unreachable.returncode != 0 and "worth trying again later" in unreachable.stderr
    assert inbox.messages == []


def test_bad_email_settings_are_named_by_line(tmp_path):
    (tmp_path / "convener.yaml").write_text('email:\n  smtp_url: "http://mail.example.org"\n')
    result = subprocess.run([BINARY, "check"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "convener.yaml:2:13: email.smtp_url: 'http://mail.example.org' is not an SMTP URL" in output
    assert "email.from" in output


# ---------------------------------------------------------------------------------------------------------------
# Members' mail through the daemon: opt-in, the round-up, one-click unsubscribe, refused addresses, the mailing list.

LINK_KEY = "mail-link-key-for-tests-0123456789"


def write_daemon_config(tmp_path, smtp_port, http_port):
    (tmp_path / "convener.yaml").write_text(f"""\
public_url: "http://127.0.0.1:{http_port}"
email:
  smtp_url: "smtp://127.0.0.1:{smtp_port}"
  from: "cop@example.org"
  link_key: {{env: CONVENER_EMAIL_KEY}}
communities:
  - name: Data Science
    id: data-science
    email:
      round_up_to: "ds-list@lists.example.org"
      chat_link: "https://chat.example.org/ds"
""")


@pytest.fixture
def mail_daemon(make_daemon, smtp_server, tmp_path):
    controller, inbox = smtp_server
    http_port = free_port()
    write_daemon_config(tmp_path, controller.port, http_port)
    daemon = make_daemon(extra_args=["--listen", f"127.0.0.1:{http_port}"],
                         env={"CONVENER_EMAIL_KEY": LINK_KEY}).start()
    assert daemon.port == http_port
    return daemon, inbox


def get(daemon, url, method="GET", body=None, headers=None):
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname == "127.0.0.1" and parts.port == daemon.port, url
    connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)
    try:
        connection.request(method, parts.path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode(), dict(response.getheaders())
    finally:
        connection.close()


class Links(html.parser.HTMLParser):
    """Every link, image, stylesheet and form of an HTML document."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.images, self.stylesheets, self.forms, self.styles = [], [], [], [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a":
            self.hrefs.append(attributes.get("href"))
        if tag == "img":
            self.images.append(attributes.get("src"))
        if tag == "link" or tag == "style":
            self.stylesheets.append(tag)
        if tag == "form":
            self.forms.append(attributes)
        if "style" in attributes:
            self.styles += 1


def links_in(html_text):
    parser = Links()
    parser.feed(html_text)
    return parser


def dms(daemon, member):
    return [item["message"]["text"] for item in daemon.timeline(member)["items"] if item["where"] == "dm"]


def subscribe(daemon, inbox, member, address):
    """`/cop me email ADDRESS`, then the confirmation link from the mail: GET shows a button, POST confirms."""
    reply = daemon.say(member, f"/cop me email {address}")[0]["text"]
    assert f"I mailed a confirmation link to {address}" in reply, reply
    assert wait_for(lambda: inbox.to(address)), f"no confirmation mail reached {address}"
    confirmation = inbox.to(address)[-1]
    assert str(confirmation["Subject"]) == "Confirm your address for Data Science"
    text = confirmation.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:\d+/email/confirm/data-science/[0-9a-f]{32}", text).group(0)
    assert link in confirmation.get_body(preferencelist=("html",)).get_content()
    status, page, _ = get(daemon, link)
    assert status == 200 and "Confirm my address" in page and address in page
    # A mail scanner's GET changes nothing: the member is still waiting for confirmation.
    assert "waiting for confirmation" in daemon.say(member, "/cop me")[0]["text"]
    form = links_in(page).forms[0]
    assert form["method"] == "post" and form["action"] == urllib.parse.urlsplit(link).path
    status, page, _ = get(daemon, link, method="POST", body=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and "Address confirmed" in page
    return link


def round_up(daemon, inbox, address, count):
    assert "Posted the round-up" in daemon.say("convenor", "/cop digest now")[0]["text"]
    assert wait_for(lambda: len(inbox.to(address)) >= count), f"{address} got {len(inbox.to(address))} mails"
    return inbox.to(address)[count - 1]


def test_opt_in_is_confirmed_once_through_the_mailed_link(mail_daemon):
    daemon, inbox = mail_daemon
    bad = daemon.say("ada", "/cop me email ada-at-example.org")[0]["text"]
    assert "\"ada-at-example.org\" is not an e-mail address" in bad and "/cop me email ADDRESS" in bad
    link = subscribe(daemon, inbox, "ada", "ada@example.org")
    assert wait_for(lambda: any("ada@example.org is confirmed" in text for text in dms(daemon, "ada")))
    assert "email: ada@example.org, confirmed" in daemon.say("ada", "/cop me")[0]["text"]
    # The link works once: a second POST (and a later GET) says it was used.
    status, page, _ = get(daemon, link, method="POST", body=b"")
    assert status == 410 and "already used or has expired" in page
    assert get(daemon, link)[0] == 410
    assert get(daemon, link.replace("data-science", "nowhere"))[0] == 404
    assert get(daemon, link[:-1])[0] == 404


def test_the_round_up_arrives_as_text_and_html_with_one_click_unsubscribe(mail_daemon):
    daemon, inbox = mail_daemon
    daemon.say("bob", "hello everyone")
    daemon.say("ada", "/cop kudos @bob for the `pandas` tips")
    subscribe(daemon, inbox, "ada", "ada@example.org")
    mail = round_up(daemon, inbox, "ada@example.org", 2)
    assert str(mail["Subject"]) == "Round-up of Data Science"
    assert mail["From"].addresses[0].display_name == "Data Science"
    assert mail["To"].addresses[0].addr_spec == "ada@example.org"
    assert mail.get_content_type() == "multipart/alternative"
    assert re.fullmatch(r"<convener\.[0-9a-f]{32}@example\.org>", mail["Message-ID"])
    text = mail.get_body(preferencelist=("plain",)).get_content()
    body = mail.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("🗞️ Round-up of Data Science") and "for the `pandas` tips" in text
    assert "Join the conversation: https://chat.example.org/ds" in text
    links = links_in(body)
    assert links.images == [] and links.stylesheets == [] and links.styles > 5
    assert "https://chat.example.org/ds" in links.hrefs
    assert "<code" in body and "pandas</code>" in body and "<script" not in body
    unsubscribe = mail["List-Unsubscribe"].strip("<>")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in links.hrefs and unsubscribe in text
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/email/unsubscribe/data-science/[A-Za-z0-9_-]+/[0-9a-f]{32}",
                        unsubscribe)
    # The list gets the same round-up, without a member's unsubscribe link.
    assert wait_for(lambda: inbox.to("ds-list@lists.example.org"))
    listed = inbox.to("ds-list@lists.example.org")[0]
    assert listed["List-Unsubscribe"] is None and "Round-up of Data Science" in str(listed["Subject"])

    # GET shows a button; a forged signature is refused; the mail app's POST unsubscribes without a login.
    status, page, _ = get(daemon, unsubscribe)
    assert status == 200 and "Unsubscribe" in page and "ada@example.org" in daemon.say("ada", "/cop me")[0]["text"]
    forged = unsubscribe[:-4] + ("0000" if not unsubscribe.endswith("0000") else "1111")
    assert get(daemon, forged, method="POST", body=b"List-Unsubscribe=One-Click")[0] == 404
    status, page, _ = get(daemon, unsubscribe, method="POST", body=b"List-Unsubscribe=One-Click",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and "Unsubscribed" in page
    assert "ada@example.org" not in daemon.say("ada", "/cop me")[0]["text"]
    assert wait_for(lambda: any("You unsubscribed ada@example.org" in text for text in dms(daemon, "ada")))
    daemon.say("convenor", "/cop digest now")
    assert wait_for(lambda: len(inbox.to("ds-list@lists.example.org")) == 2)
    time.sleep(1)
    assert len(inbox.to("ada@example.org")) == 2


def test_a_refused_address_stops_mail_and_the_member_is_told(mail_daemon):
    daemon, inbox = mail_daemon
    # Refused at once, on the confirmation mail.
    daemon.say("eve", "/cop me email eve@refused.example.org")
    assert wait_for(lambda: any("refused mail to eve@refused.example.org" in t for t in dms(daemon, "eve"))), \
        dms(daemon, "eve")
    assert "eve@refused" not in daemon.say("eve", "/cop me")[0]["text"]
    assert inbox.attempts["eve@refused.example.org"] == 1
    # Refused later, on the round-up: no retry, and no further round-up is even tried.
    subscribe(daemon, inbox, "ada", "ada@example.org")
    inbox.refused.add("ada@example.org")
    attempts = inbox.attempts["ada@example.org"]
    daemon.say("convenor", "/cop digest now")
    assert wait_for(lambda: any("refused mail to ada@example.org" in t for t in dms(daemon, "ada")))
    daemon.say("convenor", "/cop digest now")
    assert wait_for(lambda: len(inbox.to("ds-list@lists.example.org")) == 2)
    time.sleep(1)
    assert inbox.attempts["ada@example.org"] == attempts + 1


def test_a_temporary_failure_is_retried_with_backoff(mail_daemon):
    daemon, inbox = mail_daemon
    inbox.busy["tom@example.org"] = 2
    daemon.say("tom", "/cop me email tom@example.org")
    assert wait_for(lambda: inbox.to("tom@example.org"), timeout=30)
    assert inbox.attempts["tom@example.org"] == 3
    assert not any("refused" in t for t in dms(daemon, "tom"))


def test_forget_leaves_no_address_in_the_state_folder(mail_daemon, state_dir):
    daemon, inbox = mail_daemon
    subscribe(daemon, inbox, "dora", "dora@example.org")
    round_up(daemon, inbox, "dora@example.org", 2)
    exported = daemon.say("dora", "/cop me export")[0]["text"]
    assert "dora@example.org" in exported

    def traces():
        return [str(path) for path in pathlib.Path(state_dir).rglob("*")
                if path.is_file() and b"dora@example.org" in path.read_bytes()]

    assert traces() != []
    question = daemon.say("dora", "/cop me forget")[0]
    confirm = next(action["id"] for action in question["actions"] if action["label"].lower().startswith("yes"))
    assert "deleted" in daemon.click("dora", question["id"], confirm)[0]["text"]
    assert wait_for(lambda: traces() == [], timeout=10), traces()


# ---------------------------------------------------------------------------------------------------------------
# Bounces that arrive later (RFC 3464 delivery status notifications), handed over by `convener email bounce`.

def dsn(envelope_recipient, address, action, status):
    """A delivery status notification as a receiving server sends it back to the envelope sender, built with
    Python's email package: multipart/report with a human part, message/delivery-status and the returned headers."""
    from email.message import Message
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "MAILER-DAEMON@mx.example.net (Mail Delivery System)"
    report["To"] = envelope_recipient
    report["Subject"] = "Undelivered Mail Returned to Sender" if action == "failed" else "Delayed Mail"
    report["Auto-Submitted"] = "auto-replied"
    report.attach(MIMEText(f"This is the mail system at host mx.example.net. Your message to {address} {action}.\n"))
    delivery = Message()
    delivery.set_type("message/delivery-status")
    per_message = Message()
    per_message["Reporting-MTA"] = "dns; mx.example.net"
    per_message["Arrival-Date"] = "Sat, 5 Dec 2026 10:00:00 +0000"
    per_recipient = Message()
    per_recipient["Final-Recipient"] = f"rfc822; {address}"
    per_recipient["Action"] = action
    per_recipient["Status"] = status
    per_recipient["Diagnostic-Code"] = f"smtp; {'550' if status.startswith('5') else '451'} {status} mailbox trouble"
    delivery.set_payload([per_message, per_recipient])
    report.attach(delivery)
    report.attach(MIMEText("From: Data Science <cop@example.org>\nSubject: Round-up of Data Science\n",
                           "rfc822-headers"))
    return report.as_bytes()


def hand_over(tmp_path, daemon, message, recipient=None):
    """`convener email bounce`, as a Postfix pipe runs it: the raw message on standard input."""
    arguments = [BINARY, "email", "bounce", "--url", f"http://127.0.0.1:{daemon.port}"]
    if recipient:
        arguments += ["--recipient", recipient]
    return subprocess.run(arguments, cwd=tmp_path, input=message, capture_output=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "CONVENER_EMAIL_KEY": LINK_KEY})


@pytest.fixture
def bounce_daemon(make_daemon, smtp_server, tmp_path):
    controller, inbox = smtp_server
    http_port = free_port()
    write_daemon_config(tmp_path, controller.port, http_port)
    config = tmp_path / "convener.yaml"
    config.write_text(config.read_text().replace('  from: "cop@example.org"\n',
                                                 '  from: "cop@example.org"\n  bounce_address: "bounces@example.org"\n'))
    daemon = make_daemon(extra_args=["--listen", f"127.0.0.1:{http_port}"],
                         env={"CONVENER_EMAIL_KEY": LINK_KEY}).start()
    return daemon, inbox


def envelope_sender(inbox, address):
    return next(sender for sender, recipients, _ in reversed(inbox.messages) if address in recipients)


def test_a_later_bounce_stops_mail_and_tells_the_member_and_a_delay_or_forgery_changes_nothing(bounce_daemon,
                                                                                                  tmp_path):
    daemon, inbox = bounce_daemon
    assert any("later bounces to bounces@example.org" in line for line in daemon.output), daemon.output
    subscribe(daemon, inbox, "ada", "ada@example.org")
    subscribe(daemon, inbox, "bob", "bob@example.org")
    round_up(daemon, inbox, "ada@example.org", 2)
    # Each member's mail goes out with a VERP envelope sender naming their address; the list's keeps `from`.
    sender = envelope_sender(inbox, "ada@example.org")
    assert re.fullmatch(r"bounces\+[0-9a-f]{20}@example\.org", sender), sender
    assert envelope_sender(inbox, "bob@example.org") != sender
    assert wait_for(lambda: inbox.to("ds-list@lists.example.org"))
    assert envelope_sender(inbox, "ds-list@lists.example.org") == "cop@example.org"

    # A delayed (4.x.x) report is taken but changes nothing.
    delayed = hand_over(tmp_path, daemon, dsn(sender, "ada@example.org", "delayed", "4.4.7"), recipient=sender)
    assert delayed.returncode == 0, delayed.stderr
    assert b"Nothing changed" in delayed.stdout
    assert "ada@example.org, confirmed" in daemon.say("ada", "/cop me")[0]["text"]

    # An auto-reply that reaches the bounce address is no report: refused with the reason, nothing changed.
    auto_reply = (f"From: ada@example.org\r\nTo: {sender}\r\nSubject: Out of office\r\n\r\nAway until May.\r\n").encode()
    not_a_report = hand_over(tmp_path, daemon, auto_reply)
    assert not_a_report.returncode == 65 and b"not a delivery status notification" in not_a_report.stderr, \
        not_a_report
    assert "ada@example.org, confirmed" in daemon.say("ada", "/cop me")[0]["text"]

    # A forged one (a token made up, or bob's token claiming ada's failure without the key) is refused unread.
    forged_sender = sender[:8] + "0" * 20 + sender[28:]
    forged = hand_over(tmp_path, daemon, dsn(forged_sender, "ada@example.org", "failed", "5.1.1"),
                       recipient=forged_sender)
    assert forged.returncode == 65 and b"Not a bounce of Convener's mail" in forged.stderr, forged
    status, body, _ = get(daemon, f"http://127.0.0.1:{daemon.port}/email/bounces", method="POST",
                          body=dsn(sender, "ada@example.org", "failed", "5.1.1"),
                          headers={"Authorization": "Bearer not-the-secret", "X-Convener-Recipient": sender})
    assert status == 401
    assert "ada@example.org, confirmed" in daemon.say("ada", "/cop me")[0]["text"]

    # The real bounce, days later: found by the To of the report itself (an alias gives no --recipient).
    failed = hand_over(tmp_path, daemon, dsn(sender, "ada@example.org", "failed", "5.1.1"))
    assert failed.returncode == 0, failed.stderr
    assert b"stopped mailing it" in failed.stdout
    assert wait_for(lambda: any("refused mail to ada@example.org" in t for t in dms(daemon, "ada")))
    assert "ada@example.org" not in daemon.say("ada", "/cop me")[0]["text"]
    # No further mail goes to ada; bob still gets his.
    before = len(inbox.to("ada@example.org"))
    round_up(daemon, inbox, "bob@example.org", 3)
    time.sleep(1)
    assert len(inbox.to("ada@example.org")) == before
    # The same bounce again names an address nobody has any more: refused, nothing to do.
    again = hand_over(tmp_path, daemon, dsn(sender, "ada@example.org", "failed", "5.1.1"), recipient=sender)
    assert again.returncode == 65


def test_check_warns_when_mail_has_no_link_key(tmp_path):
    write_config(tmp_path, free_port())
    result = subprocess.run([BINARY, "check"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert "warning: email: members cannot subscribe (no email.link_key)" in result.stdout
    keyed = subprocess.run([BINARY, "check"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                           env={"PATH": "/usr/bin:/bin", "CONVENER_EMAIL_KEY": LINK_KEY})
    assert "warning" not in keyed.stdout and "members subscribe with /cop me email" in keyed.stdout
