"""`/dashboard`: community health behind the admin token, aggregates only."""

import json

TOKEN = "dashboard-test-token-5f1c"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_dashboard_is_closed_without_an_admin_token(daemon):
    status, body, _ = daemon.request("GET", "/dashboard")
    assert status == 403
    assert "CONVENER_ADMIN_TOKEN" in body.decode()


def test_dashboard_shows_aggregates_to_the_token_holder_only(make_daemon):
    daemon = make_daemon(env={"CONVENER_ADMIN_TOKEN": TOKEN}).start()
    for member in ("dora-dash", "eli-dash"):
        status, _, _ = daemon.request(
            "POST", "/playground/api/messages", {"member": member, "text": "hello from the dashboard test"},
            headers=AUTH)
        assert status == 200
    assert daemon.request("GET", "/dashboard")[0] == 401
    assert daemon.request("GET", "/dashboard", headers={"Authorization": "Bearer wrong"})[0] == 401

    status, body, headers = daemon.request("GET", "/dashboard", headers=AUTH)
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode()
    assert "<svg" in page and "My Community" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "dora-dash" not in page and "hello from the dashboard test" not in page

    status, body, _ = daemon.request("GET", "/dashboard/api/health", headers=AUTH)
    assert status == 200
    health = json.loads(body)["communities"][0]
    assert health["members"] == 2 and health["activeLast7Days"] == 2
    assert {"label": "messages", "count": 2} in health["activity"]
    assert sum(bar["count"] for bar in health["tiers"]) == 2 and "Members per tier" in page

    # The page sets a cookie when opened with ?token=, so a browser can follow links without the header.
    status, _, headers = daemon.request("GET", f"/dashboard?token={TOKEN}")
    assert status == 200 and "convener_dashboard=" in headers.get("set-cookie", "")
