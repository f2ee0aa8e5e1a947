"""`/metrics`: Prometheus text with the community's counters, and nothing about members."""

import re


def metric(text, name, **labels):
    """The value of the sample `name{labels}`, or None when the scrape does not have it."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        match = re.match(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$", line)
        if not match or match.group(1) != name:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(3) or ""))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(match.group(4))
    return None


def test_metrics_count_inputs_and_never_name_members(daemon):
    daemon.say("alice-metrics", "/cop help")
    daemon.say("alice-metrics", "hello there")
    daemon.say("alice-metrics", "/cop me")
    status, body, headers = daemon.request("GET", "/metrics")
    assert status == 200
    assert headers.get("content-type", "").startswith("text/plain")
    text = body.decode() if isinstance(body, bytes) else body
    assert metric(text, "convener_inputs_total", kind="command") == 2
    assert metric(text, "convener_inputs_total", kind="message") == 1
    assert metric(text, "convener_members") == 1
    assert metric(text, "convener_journaled_facts_total") >= 3
    assert "alice-metrics" not in text
    assert "hello there" not in text
