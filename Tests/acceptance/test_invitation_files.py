"""A pairing intro's `.ics` invitation arrives as a file where the platform takes files: Slack (upload v2, against a
fake Web API that follows Slack's documented flow), Discord (multipart message), Mattermost (POST /files, file_ids),
and Matrix (media repository and m.file, against a real Synapse). Each file is read back and parsed by icalendar."""

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime

import pytest
from werkzeug import Response

from conftest import wait_for
from test_platforms import (DISCORD_PUBLIC_HEX, MATTERMOST_TOKEN, SLACK_SECRET, discord_request, slack_command,
                            slack_headers)

CALENDAR_KEY = "invitation-files-key-0123456789"
THURSDAY = "2026-03-26T12:00:00Z"
FRIDAY_ROUND = "2026-03-27T08:00:05Z"  # 09:00:05 in Berlin: the coffee cadence fires
CONFIG = """\
communities:
  - name: Data Science
    id: data-science
    timezone: Europe/Berlin
    holidays: ["2026-03-30"]
{bindings}pairing:
  programs:
    - id: coffee
      kind: coffee
      cadence: "0 9 * * FRI"
rules: []
"""


def parse_invitation(data):
    from icalendar import Calendar
    invitation = Calendar.from_ical(data)
    assert str(invitation["METHOD"]) == "REQUEST"
    (event,) = invitation.walk("VEVENT")
    assert str(event["UID"]).startswith("pairing-1-") and str(event["UID"]).endswith("@data-science.convener")
    assert "ORGANIZER" not in event and "ATTENDEE" not in event, "no member's address goes to the chat platform"
    return event


class SlackWebAPI:
    """Slack's Web API as documented for bots: chat.postMessage (to a user id it answers with the DM channel), and the
    upload v2 flow: files.getUploadURLExternal (form fields filename and length; answers upload_url and file_id), a
    POST of the bytes to upload_url, and files.completeUploadExternal (files [{id, title}] and channel_id), which
    refuses a file never uploaded or whose bytes differ in length from the length announced."""

    def __init__(self, server):
        self.server = server
        self.posts, self.shares, self.files = [], [], {}
        server.expect_request("/api/chat.postMessage", method="POST").respond_with_handler(self.post)
        server.expect_request("/api/files.getUploadURLExternal", method="POST").respond_with_handler(self.ask)
        server.expect_request("/api/files.completeUploadExternal", method="POST").respond_with_handler(self.complete)
        server.expect_request(re.compile(r"^/upload/v1/F[0-9A-F]+$"), method="POST").respond_with_handler(self.upload)

    @staticmethod
    def answer(body):
        return Response(json.dumps(body), content_type="application/json")

    def authorized(self, request):
        return request.headers.get("Authorization") == "Bearer xoxb-files"

    def post(self, request):
        if not self.authorized(request):
            return self.answer({"ok": False, "error": "not_authed"})
        body = json.loads(request.get_data())
        self.posts.append(body)
        channel = "D" + body["channel"][1:] if body["channel"].startswith("U") else body["channel"]
        return self.answer({"ok": True, "channel": channel, "ts": f"1700000000.{len(self.posts):06d}"})

    def ask(self, request):
        if not self.authorized(request):
            return self.answer({"ok": False, "error": "not_authed"})
        if request.mimetype != "application/x-www-form-urlencoded":
            return self.answer({"ok": False, "error": "invalid_form_data"})
        filename, length = request.form.get("filename"), request.form.get("length")
        if not filename or not (length or "").isdigit():
            return self.answer({"ok": False, "error": "invalid_arguments"})
        file_id = "F" + uuid.uuid4().hex[:10].upper()
        self.files[file_id] = {"name": filename, "length": int(length), "bytes": None}
        return self.answer({"ok": True, "upload_url": self.server.url_for(f"/upload/v1/{file_id}"),
                            "file_id": file_id})

    def upload(self, request):
        file_id = request.path.rsplit("/", 1)[1]
        if file_id not in self.files:
            return Response("Not found", status=404)
        self.files[file_id]["bytes"] = request.get_data()
        return Response(f"OK - {len(request.get_data())}", content_type="text/plain")

    def complete(self, request):
        if not self.authorized(request):
            return self.answer({"ok": False, "error": "not_authed"})
        body = json.loads(request.get_data())
        for item in body.get("files", []):
            known = self.files.get(item.get("id"))
            if known is None or known["bytes"] is None or len(known["bytes"]) != known["length"]:
                return self.answer({"ok": False, "error": "file_not_found"})
        if not str(body.get("channel_id", "")).startswith(("C", "D", "G")):
            return self.answer({"ok": False, "error": "invalid_channel"})
        self.shares.append(body)
        return self.answer({"ok": True, "files": [{"id": item["id"]} for item in body["files"]]})

    def shared_file(self, channel):
        """The bytes of the file shared in `channel`, once there is one."""
        for share in self.shares:
            if share["channel_id"] == channel:
                return self.files[share["files"][0]["id"]]
        return None


def test_intro_invitations_are_files_on_slack_discord_and_mattermost(make_daemon, httpserver, tmp_path):
    slack = SlackWebAPI(httpserver)
    discord_messages, mattermost_uploads, mattermost_posts = [], [], []

    def discord_message(request):
        discord_messages.append((request.form.to_dict(), {name: (f.filename, f.mimetype, f.read())
                                                          for name, f in request.files.items()}))
        return Response(json.dumps({"id": "9001"}), content_type="application/json")

    def mattermost_file(request):
        upload = request.files["files"]
        mattermost_uploads.append((request.form["channel_id"], upload.filename, upload.read()))
        return Response(json.dumps({"file_infos": [{"id": f"file{len(mattermost_uploads)}"}], "client_ids": []}),
                        status=201, content_type="application/json")

    def mattermost_post(request):
        mattermost_posts.append(json.loads(request.get_data()))
        return Response(json.dumps({"id": f"post{len(mattermost_posts)}"}), status=201,
                        content_type="application/json")

    httpserver.expect_request("/discord/users/@me/channels", method="POST").respond_with_json({"id": "777"})
    httpserver.expect_request("/discord/channels/777/messages", method="POST").respond_with_handler(discord_message)
    httpserver.expect_request("/mm/api/v4/users/me", method="GET").respond_with_json({"id": "botuser"})
    httpserver.expect_request("/mm/api/v4/channels/direct", method="POST").respond_with_json({"id": "dmchannel"})
    httpserver.expect_request("/mm/api/v4/files", method="POST").respond_with_handler(mattermost_file)
    httpserver.expect_request("/mm/api/v4/posts", method="POST").respond_with_handler(mattermost_post)
    (tmp_path / "convener.yaml").write_text(CONFIG.format(bindings=""))
    environment = {
        "CONVENER_CALENDAR_KEY": CALENDAR_KEY,
        "SLACK_SIGNING_SECRET": SLACK_SECRET, "SLACK_BOT_TOKEN": "xoxb-files",
        "SLACK_API_BASE_URL": httpserver.url_for("/api"),
        "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX, "DISCORD_BOT_TOKEN": "dc-files",
        "DISCORD_API_BASE_URL": httpserver.url_for("/discord"),
        "MATTERMOST_COMMAND_TOKEN": MATTERMOST_TOKEN, "MATTERMOST_BOT_TOKEN": "mm-files",
        "MATTERMOST_URL": httpserver.url_for("/mm"),
    }

    # Thursday: two Slack members, one on Discord and one on Mattermost join coffee pairing.
    thursday = make_daemon(env={**environment, "CONVENER_TEST_CLOCK": THURSDAY}).start()
    # Signatures are checked against the daemon's clock, which the test set to Thursday.
    signed_at = int(datetime.fromisoformat(THURSDAY.replace("Z", "+00:00")).timestamp()) + 5
    join = "pair join --tz Europe/Berlin"
    for index, user in enumerate(["U0ANA", "U0BEN"]):
        body = slack_command(join, user=user, trigger=f"1.{index}.3")
        status, data, _ = thursday.request("POST", "/slack/commands", raw=body,
                                           headers=slack_headers(body, timestamp=signed_at))
        assert status == 200 and b"You're in!" in data, data
    payload = {"id": "3300", "application_id": "app42", "type": 2, "token": "t", "version": 1, "guild_id": "5",
               "channel_id": "6", "member": {"user": {"id": "80351110224678912", "username": "cy"}},
               "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": join}]}}
    status, data, _ = discord_request(thursday, payload, timestamp=signed_at)
    assert status == 200 and b"You're in!" in data, data
    form = urllib.parse.urlencode({
        "token": MATTERMOST_TOKEN, "team_id": "t1", "channel_id": "c1", "user_id": "u1abcdefghijklmnopqrstuvwx",
        "user_name": "dee", "command": "/cop", "text": join}).encode()
    status, data, _ = thursday.request("POST", "/mattermost/commands", raw=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Token {MATTERMOST_TOKEN}"})
    assert status == 200 and b"You're in!" in data, data
    time.sleep(2.5)
    assert thursday.stop() == 0

    # Friday 09:00 in Berlin: the round; every intro goes to its member's platform with the invitation as a file.
    friday = make_daemon(env={**environment, "CONVENER_TEST_CLOCK": FRIDAY_ROUND}).start()
    assert wait_for(lambda: slack.shared_file("D0ANA") and slack.shared_file("D0BEN") and discord_messages
                    and mattermost_posts, timeout=30), (slack.posts, slack.shares, friday.output[-20:])
    for channel in ["D0ANA", "D0BEN"]:
        shared = slack.shared_file(channel)
        assert shared["name"] == "invitation.ics"
        parse_invitation(shared["bytes"])
    intros = [post for post in slack.posts if "you are meeting" in post["text"]]
    assert sorted(post["channel"] for post in intros) == ["U0ANA", "U0BEN"]
    assert all("/calendar/invite/data-science." in post["text"] for post in intros), "the link stays in the text"

    fields, files = discord_messages[0]
    payload = json.loads(fields["payload_json"])
    assert "you are meeting" in payload["content"] and payload["enforce_nonce"] is True
    assert payload["attachments"] == [{"id": 0, "filename": "invitation.ics"}]
    name, mimetype, data = files["files[0]"]
    assert (name, mimetype) == ("invitation.ics", "text/calendar")
    parse_invitation(data)

    (channel, name, data), = mattermost_uploads
    assert (channel, name) == ("dmchannel", "invitation.ics")
    parse_invitation(data)
    (post,) = mattermost_posts
    assert post["file_ids"] == ["file1"] and post["channel_id"] == "dmchannel" and "you are meeting" in post["message"]
    assert friday.stop() == 0


# ---------------------------------------------------------------------------------------------------------------
# Matrix, against a real Synapse: the file goes to the media repository and arrives as an m.file in the 1:1 room.

def download(synapse, member, uri):
    server, media = uri.removeprefix("mxc://").split("/", 1)
    for path in (f"/_matrix/client/v1/media/download/{server}/{media}", f"/_matrix/media/v3/download/{server}/{media}"):
        request = urllib.request.Request(synapse.url + path,
                                         headers={"Authorization": f"Bearer {member.client.access_token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.headers.get("Content-Type"), response.read()
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
    raise AssertionError(f"{uri} could not be downloaded")


def test_intro_invitations_are_m_file_events_on_matrix(synapse, make_daemon, tmp_path):
    pytest.importorskip("nio", reason="matrix-nio is in Tests/requirements.txt")
    pytest.importorskip("icalendar")
    from matrix_homeserver import Member

    tag = uuid.uuid4().hex[:8]
    bot = synapse.register(f"bot{tag}")
    alice, bob = Member(synapse, f"alice{tag}"), Member(synapse, f"bob{tag}")
    try:
        room = alice.create_room(invite=[bot["user_id"]])
        bob.join(room)
        (tmp_path / "convener.yaml").write_text(CONFIG.format(bindings=f'    matrix_room: "{room}"\n'))
        environment = {"CONVENER_CALENDAR_KEY": CALENDAR_KEY, "MATRIX_HOMESERVER_URL": synapse.url,
                       "MATRIX_ACCESS_TOKEN": bot["access_token"], "MATRIX_USER_ID": bot["user_id"]}
        thursday = make_daemon(env={**environment, "CONVENER_TEST_CLOCK": THURSDAY}).start()
        assert wait_for(lambda: any(
            event.get("type") == "m.room.member" and event.get("state_key") == bot["user_id"]
            and event["content"].get("membership") == "join" for _, event in alice.sync().events), timeout=20)
        for member in (alice, bob):
            member.say(room, "!cop pair join --tz Europe/Berlin")
            assert wait_for(lambda: any("You're in!" in event["content"].get("body", "")
                                        for _, event in member.sync().messages_from(bot["user_id"])), timeout=20)
        time.sleep(2.5)
        assert thursday.stop() == 0

        friday = make_daemon(env={**environment, "CONVENER_TEST_CLOCK": FRIDAY_ROUND}).start()
        for member in (alice, bob):
            def files():
                return [(room_id, event) for room_id, event in member.sync().messages_from(bot["user_id"])
                        if event["content"].get("msgtype") == "m.file"]
            found = wait_for(files, timeout=30)
            assert found, ([e["content"].get("body") for _, e in member.messages_from(bot["user_id"])],
                           friday.output[-20:])
            room_id, event = found[0]
            assert room_id != room, "the intro and its file go to the member's 1:1 room"
            content = event["content"]
            assert content["body"] == "invitation.ics" and content["info"]["mimetype"] == "text/calendar"
            intro = [e for r, e in member.messages_from(bot["user_id"]) if r == room_id
                     and "you are meeting" in e["content"].get("body", "")]
            assert intro and intro[0]["origin_server_ts"] <= event["origin_server_ts"]
            content_type, data = download(synapse, member, content["url"])
            assert content_type.startswith("text/calendar") and len(data) == content["info"]["size"]
            parse_invitation(data)
        assert friday.stop() == 0
    finally:
        alice.close()
        bob.close()
