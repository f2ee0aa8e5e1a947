"""Each community may add rules to the shared ones, or replace a shared rule by its id."""
import time

from conftest import run_cli

CONFIG = """
communities:
  - id: data
    name: Data Science
  - id: ux
    name: UX Research
    rules:
      - id: welcome-newcomer
        trigger: member.joined
        conditions: ["!member.isConvenor"]
        actions:
          - post: "Welcome to the UX crew, {{ member.name }}! Say what you are researching."
      - id: ux-research-tip
        trigger: member.joined
        actions:
          - post: "UX tip for {{ member.name }}: the research repository is pinned in the channel."
"""


def channel_texts(daemon):
    page = daemon.timeline("observer")
    return [item["message"]["text"] for item in page["items"] if item["where"] == "channel"]


def wait_for(predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_community_replaces_and_adds_rules(make_daemon, tmp_path):
    config = tmp_path / "convener.yaml"
    config.write_text(CONFIG)
    daemon = make_daemon(extra_args=["--config", str(config)]).start()
    summary = "\n".join(daemon.output)
    assert "own rules:  1 added, 1 replacing shared rules (welcome-newcomer, ux-research-tip)" in summary
    status, _ = daemon.post("/playground/api/messages", {"member": "pat", "text": "hello", "community": "data"})
    assert status == 200
    status, _ = daemon.post("/playground/api/messages", {"member": "quinn", "text": "hello", "community": "ux"})
    assert status == 200
    assert wait_for(lambda: any(text.startswith("Welcome to Data Science, ") and "pat" in text
                                for text in channel_texts(daemon)))
    assert wait_for(lambda: any("Welcome to the UX crew, quinn!" in text for text in channel_texts(daemon)))
    assert wait_for(lambda: any("UX tip for quinn" in text for text in channel_texts(daemon)))
    texts = channel_texts(daemon)
    assert not any("Welcome to UX Research" in text for text in texts)
    assert not any("UX tip for pat" in text for text in texts)
    status, answer = daemon.post("/playground/api/messages",
                                 {"member": "convenor", "text": "/cop rules list", "community": "ux"})
    listed = "\n".join(reply["text"] for reply in answer["replies"])
    assert "ux-research-tip" in listed and "weekly-prompt" in listed
    assert daemon.stop() == 0


def test_a_broken_community_rule_is_named_by_its_path(tmp_path):
    config = tmp_path / "convener.yaml"
    config.write_text("communities:\n  - name: UX\n    rules:\n      - id: broken\n        trigger: member.joined\n"
                      "        conditions: [\"member.tier ==\"]\n        actions: [{post: hi}]\n")
    result = run_cli("check", "--config", str(config), cwd=tmp_path, check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "convener.yaml:6:" in output and "communities[0].rules" in output and "broken" in output
