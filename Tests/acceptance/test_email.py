"""Mail through a real SMTP server (aiosmtpd on loopback), read back with Python's email package."""
import email
import email.policy
import socket
import subprocess

import pytest
from aiosmtpd.controller import Controller

from conftest import BINARY


class Inbox:
    """Keeps every accepted message; refuses recipients at refused.example.org with 550."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example.org"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

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
