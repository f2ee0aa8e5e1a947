"""Forms on the chat platforms: a survey DM carries an open button; a click opens a Slack modal (views.open) or a
Discord modal (type 9); submissions with bad values are refused next to the fields; good ones are taken once.
Also a Slack poll driven only by signed Slack requests, edited in place with chat.update."""

import itertools
import json
import time
import urllib.parse

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from werkzeug import Response

from test_platforms import DISCORD_PUBLIC_HEX, SLACK_SECRET, discord_request, slack_command, slack_headers
from test_slack_delivery import validate_blocks, wait_until

TOKEN = "xoxb-forms-token"
CHANNEL = "C0FORMS001"
DC_USER = "80351110224678912"
DC_DM = "777"


@pytest.fixture
def forms_daemon(make_daemon, httpserver, tmp_path):
    """A daemon on Slack and Discord whose Web APIs are local fakes that record every call."""
    return start_forms_daemon(make_daemon, httpserver, tmp_path)


def start_forms_daemon(make_daemon, httpserver, tmp_path, views_open=None):
    stamps = itertools.count(1)

    def post_message(request):
        body = json.loads(request.get_data())
        return Response(json.dumps({"ok": True, "channel": body["channel"], "ts": f"1700000000.{next(stamps):06d}"}),
                        content_type="application/json")

    httpserver.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(post_message)
    httpserver.expect_request("/api/chat.update", method="POST").respond_with_json({"ok": True})
    httpserver.expect_request("/api/views.open", method="POST").respond_with_json(
        views_open or {"ok": True, "view": {"id": "V1"}})
    httpserver.expect_request("/api/users/@me/channels", method="POST").respond_with_json({"id": DC_DM})
    httpserver.expect_request(f"/api/channels/{DC_DM}/messages", method="POST").respond_with_json({"id": "9100"})
    config = tmp_path / "forms.yaml"
    questions = "".join(f"        - {{id: q{n}, kind: scale, text: Question {n}}}\n" for n in range(1, 7))
    config.write_text(
        "communities:\n  - name: Formers\n"
        f"    slack_channel: {CHANNEL}\n"
        '    convenors: ["convenor", "slack:U0ALICE"]\n'
        "surveys:\n  templates:\n    - id: six-questions\n      title: Six questions\n      questions:\n"
        + questions)
    return make_daemon(extra_args=["--config", str(config)], env={
        "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_API_BASE_URL": httpserver.url_for("/api"),
        "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX, "DISCORD_BOT_TOKEN": "dc-bot-token",
        "DISCORD_API_BASE_URL": httpserver.url_for("/api"),
    }).start()


def calls(httpserver, path):
    return [json.loads(request.get_data()) for request, _ in httpserver.log
            if request.path == path and request.get_data()]


def slack_post(daemon, path, body):
    status, data, _ = daemon.request("POST", path, raw=body, headers=slack_headers(body))
    return status, (json.loads(data) if data else None)


def interaction(payload):
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def block_click(user, value, trigger, channel="D0DM", ts="1700000000.000001",
                response_url="https://hooks.slack.invalid/actions/1"):
    return interaction({
        "type": "block_actions", "team": {"id": "T0001"}, "trigger_id": trigger,
        "user": {"id": user, "username": user.lower(), "name": user.lower()},
        "container": {"type": "message", "message_ts": ts, "channel_id": channel},
        "channel": {"id": channel}, "response_url": response_url,
        "actions": [{"type": "button", "action_id": "a", "block_id": "b", "value": value,
                     "action_ts": str(time.time())}],
    })


def view_submission(user, values, view_hash):
    state = {}
    if "energy" in values:
        state["energy"] = {"value": {"type": "radio_buttons", "selected_option": {
            "value": values["energy"], "text": {"type": "plain_text", "text": values["energy"]}}}}
    if "wish" in values:
        state["wish"] = {"value": {"type": "plain_text_input", "value": values["wish"]}}
    return interaction({
        "type": "view_submission", "team": {"id": "T0001"},
        "user": {"id": user, "username": user.lower(), "name": user.lower()},
        "view": {"id": "V1", "type": "modal", "callback_id": "survey.S1", "hash": view_hash,
                 "state": {"values": state}},
    })


def button_values(message):
    return {element["text"]["text"]: element["value"] for block in message.get("blocks", [])
            if block["type"] == "actions" for element in block["elements"]}


def test_slack_survey_button_opens_a_modal_and_checks_fields(forms_daemon, httpserver):
    daemon = forms_daemon
    assert slack_post(daemon, "/slack/commands", slack_command("help", user="U0BOB", trigger="1.1.1"))[0] == 200
    started = daemon.say("convenor", "/cop survey start pulse --k 3")
    assert "Opened survey S1" in started[0]["text"]
    def invitation():
        return next((m for m in calls(httpserver, "/api/chat.postMessage")
                     if m["channel"] == "U0BOB" and "(S1)" in m["text"]), None)

    assert wait_until(invitation)
    dm = invitation()
    validate_blocks(dm)
    value = button_values(dm)["Open the survey"]
    assert value.endswith("form.open.survey.S1")

    status, _ = slack_post(daemon, "/slack/interactions", block_click("U0BOB", value, "2.2.2"))
    assert status == 200
    opened = calls(httpserver, "/api/views.open")
    assert len(opened) == 1 and opened[0]["trigger_id"] == "2.2.2"
    view = opened[0]["view"]
    assert view["callback_id"] == "survey.S1" and [b["block_id"] for b in view["blocks"]] == ["energy", "wish"]
    View(**view).validate_json()
    for raw in view["blocks"]:
        Block.parse(raw).validate_json()

    status, answer = slack_post(daemon, "/slack/interactions", view_submission("U0BOB", {"energy": "7"}, "h1"))
    assert status == 200 and answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"energy"} and "1 to 5" in answer["errors"]["energy"]

    good = {"energy": "4", "wish": "More pairing"}
    status, answer = slack_post(daemon, "/slack/interactions", view_submission("U0BOB", good, "h2"))
    assert status == 200 and answer["response_action"] == "update"
    assert "Thank you" in json.dumps(answer["view"])
    status, answer = slack_post(daemon, "/slack/interactions", view_submission("U0BOB", good, "h3"))
    assert status == 200 and "already answered" in json.dumps(answer["view"])

    # Once answered, the button explains instead of opening the survey again.
    status, answer = slack_post(daemon, "/slack/interactions", block_click("U0BOB", value, "3.3.3"))
    assert status == 200 and "already answered" in answer["text"]
    assert len(calls(httpserver, "/api/views.open")) == 1
    assert daemon.stop() == 0


def test_discord_survey_button_answers_with_a_modal(forms_daemon, httpserver):
    daemon = forms_daemon
    command = {
        "id": "4400", "application_id": "app42", "type": 2, "token": "tok-cmd", "version": 1, "guild_id": "5",
        "channel_id": "6", "member": {"user": {"id": DC_USER, "username": "dana", "global_name": "Dana"}},
        "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": "help"}]},
    }
    assert discord_request(daemon, command)[0] == 200
    daemon.say("convenor", "/cop survey start pulse --k 3")
    path = f"/api/channels/{DC_DM}/messages"
    assert wait_until(lambda: any("(S1)" in m["content"] for m in calls(httpserver, path)))
    dm = next(m for m in calls(httpserver, path) if "(S1)" in m["content"])
    buttons = [c for row in dm["components"] for c in row["components"]]
    assert [b["label"] for b in buttons] == ["Open the survey"]
    custom_id = buttons[0]["custom_id"]
    assert custom_id.endswith("form.open.survey.S1")

    click = {"id": "4401", "application_id": "app42", "type": 3, "token": "tok-click", "version": 1,
             "channel_id": DC_DM, "user": {"id": DC_USER, "username": "dana"}, "message": {"id": "9100"},
             "data": {"custom_id": custom_id, "component_type": 2}}
    status, data, _ = discord_request(daemon, click)
    modal = json.loads(data)
    assert status == 200 and modal["type"] == 9
    assert modal["data"]["custom_id"] == "survey.S1"
    inputs = [c for row in modal["data"]["components"] for c in row["components"]]
    assert [i["custom_id"] for i in inputs] == ["energy", "wish"] and all(i["type"] == 4 for i in inputs)

    def submit(interaction_id, energy):
        return discord_request(daemon, {
            "id": interaction_id, "application_id": "app42", "type": 5, "token": f"tok-{interaction_id}",
            "version": 1, "channel_id": DC_DM, "user": {"id": DC_USER, "username": "dana"},
            "data": {"custom_id": "survey.S1", "components": [
                {"type": 1, "components": [{"type": 4, "custom_id": "energy", "value": energy}]},
                {"type": 1, "components": [{"type": 4, "custom_id": "wish", "value": "Shorter meetings"}]}]}})

    status, data, _ = submit("4402", "9")
    refused = json.loads(data)
    assert status == 200 and refused["type"] == 4 and refused["data"]["flags"] & 64
    assert "energy" in refused["data"]["content"] and "Nothing was recorded" in refused["data"]["content"]
    status, data, _ = submit("4403", "4")
    assert status == 200 and "Thank you" in json.loads(data)["data"]["content"]
    status, data, _ = submit("4404", "5")
    assert status == 200 and "already answered" in json.loads(data)["data"]["content"]

    # A survey with more questions than a Discord modal holds (5) says so instead of opening.
    daemon.say("convenor", "/cop survey start six-questions --k 3")
    assert wait_until(lambda: any("(S2)" in m["content"] for m in calls(httpserver, path)))
    big = next(m for m in calls(httpserver, path) if "(S2)" in m["content"])
    status, data, _ = discord_request(daemon, dict(click, id="4405", token="tok-click-2", data={
        "custom_id": big["components"][0]["components"][0]["custom_id"], "component_type": 2}))
    answer = json.loads(data)
    assert status == 200 and answer["type"] == 4 and answer["data"]["flags"] & 64
    assert "cannot open on Discord" in answer["data"]["content"] and "at most 5" in answer["data"]["content"]
    assert daemon.stop() == 0


def test_slack_poll_lifecycle_with_signed_clicks(forms_daemon, httpserver):
    daemon = forms_daemon
    status, answer = slack_post(
        daemon, "/slack/commands", slack_command('poll "Lunch?" "Pizza" "Sushi"', user="U0ALICE", trigger="5.0.1"))
    assert status == 200 and "P1" in answer["text"]

    def poll_post():
        return next((m for m in calls(httpserver, "/api/chat.postMessage")
                     if m["channel"] == CHANNEL and "Poll P1" in m["text"]), None)

    assert wait_until(poll_post)
    poll = poll_post()
    validate_blocks(poll)
    buttons = button_values(poll)
    assert list(buttons) == ["Pizza", "Sushi"]
    for number, (user, option) in enumerate([("U0BOB", "Pizza"), ("U0CAROL", "Pizza"), ("U0DAVE", "Sushi")]):
        status, _ = slack_post(
            daemon, "/slack/interactions", block_click(user, buttons[option], f"6.0.{number}", channel=CHANNEL))
        assert status == 200

    def latest_update():
        updates = calls(httpserver, "/api/chat.update")
        return updates[-1] if updates else None

    assert wait_until(lambda: latest_update() and "3 voters" in latest_update()["text"])
    update = latest_update()
    assert update["channel"] == CHANNEL and update["ts"] == poll_ts(httpserver)
    validate_blocks(update)
    text = " ".join(block["text"]["text"] for block in update["blocks"] if block["type"] == "section")
    assert "Pizza: 2" in text and "Sushi: 1" in text

    status, answer = slack_post(daemon, "/slack/commands", slack_command("poll close P1", user="U0ALICE",
                                                                         trigger="5.0.2"))
    assert status == 200
    assert wait_until(lambda: "(closed)" in latest_update()["text"])
    closed = latest_update()
    assert closed["ts"] == update["ts"] and not button_values(closed)
    assert daemon.stop() == 0


def poll_ts(httpserver):
    for request, response in httpserver.log:
        if request.path == "/api/chat.postMessage" and "Poll P1" in json.loads(request.get_data())["text"]:
            return json.loads(response.get_data())["ts"]
    return None


def test_mattermost_survey_button_opens_a_signed_dialog(make_daemon, httpserver, tmp_path):
    """The DM's open button posts back to public_url; a click opens a dialog through actions/dialogs/open; the
    dialog's submissions are checked against Convener's HMAC in `state` and refused fields come back as errors."""
    from test_delivery_platforms import MM_USER, mattermost_command
    from test_platforms import MATTERMOST_TOKEN

    posts = []

    def post(request):
        posts.append(json.loads(request.get_data()))
        return Response(json.dumps({"id": f"post{len(posts)}"}), content_type="application/json")

    httpserver.expect_request("/api/v4/users/me", method="GET").respond_with_json({"id": "botuser"})
    httpserver.expect_request("/api/v4/channels/direct", method="POST").respond_with_json({"id": "dmchannel"})
    httpserver.expect_request("/api/v4/posts", method="POST").respond_with_handler(post)
    httpserver.expect_request("/api/v4/actions/dialogs/open", method="POST").respond_with_json({"status": "OK"})
    config = tmp_path / "mm.yaml"
    config.write_text('public_url: "https://convener.example.org/"\ncommunities:\n  - name: Dialogs\n')
    daemon = make_daemon(extra_args=["--config", str(config)], env={
        "MATTERMOST_COMMAND_TOKEN": MATTERMOST_TOKEN, "MATTERMOST_BOT_TOKEN": "mm-bot-token",
        "MATTERMOST_URL": httpserver.url_for("/").rstrip("/")}).start()
    form, headers = mattermost_command()
    assert daemon.request("POST", "/mattermost/commands", raw=form, headers=headers)[0] == 200
    daemon.say("convenor", "/cop survey start pulse --k 3")
    assert wait_until(lambda: any("(S1)" in p["message"] for p in posts))
    invite = next(p for p in posts if "(S1)" in p["message"])
    button = invite["props"]["attachments"][0]["actions"][0]
    assert button["name"] == "Open the survey"
    assert button["integration"]["url"] == "https://convener.example.org/mattermost/actions"

    def actions(body):
        status, data, _ = daemon.request("POST", "/mattermost/actions", raw=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        return status, (json.loads(data) if data else None)

    click = {"user_id": MM_USER, "user_name": "alice", "channel_id": "dmchannel", "team_id": "t1",
             "post_id": "post9", "trigger_id": "mm-trigger-1", "context": button["integration"]["context"]}
    assert actions(click)[0] == 200
    opened = calls(httpserver, "/api/v4/actions/dialogs/open")
    assert len(opened) == 1 and opened[0]["trigger_id"] == "mm-trigger-1"
    assert opened[0]["url"] == "https://convener.example.org/mattermost/actions"
    dialog = opened[0]["dialog"]
    assert dialog["callback_id"] == "survey.S1" and [e["name"] for e in dialog["elements"]] == ["energy", "wish"]

    def submit(energy, state=dialog["state"], user=MM_USER):
        return actions({"type": "dialog_submission", "callback_id": "survey.S1", "state": state, "user_id": user,
                        "channel_id": "dmchannel", "team_id": "t1", "cancelled": False,
                        "submission": {"energy": energy, "wish": "More demos"}})

    status, answer = submit("7")
    assert status == 200 and set(answer["errors"]) == {"energy"} and "1 to 5" in answer["errors"]["energy"]
    forged = json.loads(dialog["state"])
    forged["form"] = "survey.S2"
    assert submit("4", state=json.dumps(forged))[0] == 401
    assert submit("4", user="someoneelse0000000000000000")[0] == 401
    status, answer = submit("4")
    assert status == 200 and answer == {}
    assert daemon.stop() == 0


def test_slack_modal_that_cannot_open_falls_back_to_the_response_url(make_daemon, httpserver, tmp_path):
    """When views.open fails (an expired trigger), the click's response_url gets the text and the open button,
    so the member can try again."""
    daemon = start_forms_daemon(make_daemon, httpserver, tmp_path,
                                views_open={"ok": False, "error": "expired_trigger_id"})
    httpserver.expect_request("/hooks/click", method="POST").respond_with_data("ok")
    assert slack_post(daemon, "/slack/commands", slack_command("help", user="U0BOB", trigger="1.1.1"))[0] == 200
    daemon.say("convenor", "/cop survey start pulse --k 3")
    assert wait_until(lambda: any(m["channel"] == "U0BOB" and "(S1)" in m["text"]
                                  for m in calls(httpserver, "/api/chat.postMessage")))
    dm = next(m for m in calls(httpserver, "/api/chat.postMessage") if m["channel"] == "U0BOB" and "(S1)" in m["text"])
    click = block_click("U0BOB", button_values(dm)["Open the survey"], "2.2.2",
                        response_url=httpserver.url_for("/hooks/click"))
    assert slack_post(daemon, "/slack/interactions", click)[0] == 200
    assert len(calls(httpserver, "/api/views.open")) == 1
    fallback = calls(httpserver, "/hooks/click")
    assert len(fallback) == 1 and fallback[0]["response_type"] == "ephemeral"
    assert "Open the survey" in button_values(fallback[0])
    validate_blocks(fallback[0])
    assert daemon.stop() == 0
