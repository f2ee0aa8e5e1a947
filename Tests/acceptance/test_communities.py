"""Two communities on Slack, Discord, Mattermost, Teams and Matrix at once: every command, click and form lands
in the right one."""

import json
import re
import time
import urllib.parse
import uuid

import pytest

from conftest import run_cli, wait_for
from teams_fake import FakeBotFramework
from test_platforms import (DISCORD_PUBLIC_HEX, MATTERMOST_TOKEN, SLACK_SECRET, discord_request, slack_headers)
from test_teams import in_channel, personal, send

DATA_SLACK, UX_SLACK = "C024BE91L", "C024BE92M"
DATA_DISCORD, UX_DISCORD = "1045021983744204851", "1045021983744204852"
DATA_MM, UX_MM = "dataaaaaaaaaaaaaaaaaaaaaa1", "uxuxuxuxuxuxuxuxuxuxuxuxu2"
DATA_TEAMS, UX_TEAMS = "19:datadatadatadatadatadata@thread.tacv2", "19:uxuxuxuxuxuxuxuxuxuxuxux@thread.tacv2"

CONFIG = f"""
communities:
  - id: data
    name: Data Science
    convenors: ["slack:UDATACONV", "convenor"]
    slack_channel: {DATA_SLACK}
    discord_channel: "{DATA_DISCORD}"
    mattermost_channel: {DATA_MM}
    teams_channel: "{DATA_TEAMS}"
  - id: ux
    name: UX Research
    convenors: ["slack:UUXCONV", "discord:80351110224678999", "uxlead"]
    slack_channels: [{UX_SLACK}, C024BE93N]
    discord_channels: ["{UX_DISCORD}"]
    mattermost_channels: [{UX_MM}]
    teams_channel: "{UX_TEAMS}"
"""


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "convener.yaml"
    path.write_text(CONFIG)
    return path


@pytest.fixture
def teams_fake():
    server = FakeBotFramework()
    yield server
    server.close()


@pytest.fixture
def two(make_daemon, config, teams_fake):
    return make_daemon(extra_args=["--config", str(config)], env={
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "MATTERMOST_COMMAND_TOKEN": MATTERMOST_TOKEN,
        "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX,
        **teams_fake.env(),
    }).start()


def exported(tmp_path, config, state_dir, community):
    result = run_cli("state", "export", "--config", str(config), "--state-dir", str(state_dir),
                     "--community", community, cwd=tmp_path)
    return json.loads(result.stdout)["state"]


def slack(daemon, path, fields):
    body = urllib.parse.urlencode(fields).encode()
    status, data, _ = daemon.request("POST", path, raw=body, headers=slack_headers(body))
    return status, (json.loads(data) if data else None)


def slack_cmd(daemon, text, channel, user, trigger):
    return slack(daemon, "/slack/commands", {
        "team_id": "T0001", "channel_id": channel, "user_id": user, "user_name": user.lower(), "command": "/cop",
        "text": text, "response_url": "https://hooks.slack.invalid/commands/1", "trigger_id": trigger,
    })


def slack_click(daemon, user, value, channel, trigger):
    payload = {
        "type": "block_actions", "team": {"id": "T0001"}, "trigger_id": trigger,
        "user": {"id": user, "username": user.lower(), "name": user.lower()},
        "container": {"type": "message", "message_ts": "1700000000.000001", "channel_id": channel},
        "channel": {"id": channel}, "response_url": "https://hooks.slack.invalid/actions/1",
        "actions": [{"type": "button", "action_id": "a", "block_id": "b", "value": value,
                     "action_ts": str(time.time())}],
    }
    return slack(daemon, "/slack/interactions", {"payload": json.dumps(payload)})


def mattermost_cmd(daemon, text, channel, user, trigger):
    body = urllib.parse.urlencode({
        "token": MATTERMOST_TOKEN, "team_id": "t1", "channel_id": channel, "user_id": user, "user_name": "mm",
        "command": "/cop", "text": text, "trigger_id": trigger,
    }).encode()
    status, data, _ = daemon.request("POST", "/mattermost/commands", raw=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    return status, (json.loads(data) if data else None)


def discord_cmd(daemon, text, channel, interaction_id, user="80351110224678912"):
    status, data, _ = discord_request(daemon, {
        "id": interaction_id, "application_id": "2", "type": 2, "token": "tok", "version": 1, "guild_id": "5",
        "channel_id": channel, "member": {"user": {"id": user, "username": "alice", "global_name": "Alice"}},
        "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": text}]},
    })
    return status, (json.loads(data) if data else None)


def buttons(answer):
    return {element["text"]["text"]: element["value"] for block in answer.get("blocks", [])
            if block["type"] == "actions" for element in block["elements"]}


def test_commands_land_in_the_community_of_their_channel(two, tmp_path, config, state_dir):
    # The example: the UX convenor's /cop stats in the UX channel is a convenor's command there.
    status, answer = slack_cmd(two, "stats", UX_SLACK, "UUXCONV", "1.0.1")
    assert status == 200, answer
    assert "Only the convenors" not in json.dumps(answer)
    # A poll made in the UX channel is stored in UX Research, not in Data Science.
    status, answer = slack_cmd(two, 'poll "Tea or coffee?" "Tea" "Coffee"', UX_SLACK, "U0ADA", "1.0.2")
    assert status == 200, answer
    assert slack_cmd(two, "me", DATA_SLACK, "U0BEN", "1.0.3")[0] == 200
    assert slack_cmd(two, "me", "C024BE93N", "U0CYD", "1.0.4")[0] == 200  # a further UX channel
    assert mattermost_cmd(two, "me", DATA_MM, "mmuserdata1", "2.0.1")[0] == 200
    assert mattermost_cmd(two, "me", UX_MM, "mmuserux1", "2.0.2")[0] == 200
    assert discord_cmd(two, "me", UX_DISCORD, "3001")[0] == 200
    assert discord_cmd(two, "me", DATA_DISCORD, "3002", user="80351110224678913")[0] == 200
    data, ux = (exported(tmp_path, config, state_dir, c) for c in ("data", "ux"))
    assert set(ux["members"]) == {"slack:UUXCONV", "slack:U0ADA", "slack:U0CYD", "mattermost:mmuserux1",
                                  "discord:80351110224678912"}
    assert set(data["members"]) == {"slack:U0BEN", "mattermost:mmuserdata1", "discord:80351110224678913"}
    assert json.dumps(ux["polls"]).count("Tea or coffee?") >= 1
    assert "Tea or coffee?" not in json.dumps(data["polls"])


def test_unbound_channels_are_answered_and_never_land_in_the_first(two, tmp_path, config, state_dir):
    status, answer = slack_cmd(two, "me", "C0ELSEWHERE", "U0LOST", "4.0.1")
    assert status == 200 and answer["response_type"] == "ephemeral"
    assert "belongs to no community" in answer["text"]
    assert "Data Science" in answer["text"] and UX_SLACK in answer["text"]
    status, answer = discord_cmd(two, "me", "1045021983744209999", "3100", user="80351110224678914")
    assert status == 200 and "belongs to no community" in json.dumps(answer)
    status, answer = mattermost_cmd(two, "me", "elsewhereelsewhereelsewher", "mmlost", "4.0.2")
    assert status == 200 and "belongs to no community" in answer["text"]
    # --community works from anywhere, and is not read as part of the command.
    status, answer = slack_cmd(two, "me --community ux", "C0ELSEWHERE", "U0FLAG", "4.0.3")
    assert status == 200 and "--community" not in json.dumps(answer)
    for community in ("data", "ux"):
        members = exported(tmp_path, config, state_dir, community)["members"]
        assert not {"slack:U0LOST", "discord:80351110224678914", "mattermost:mmlost"} & set(members)
    assert "slack:U0FLAG" in exported(tmp_path, config, state_dir, "ux")["members"]


def test_clicks_and_the_which_community_question(two, tmp_path, config, state_dir):
    status, answer = slack_cmd(two, 'poll "Pick one" "Red" "Blue"', UX_SLACK, "U0POLLER", "5.0.1")
    assert status == 200, answer
    # The poll is a channel post from the outbox (seen here in the playground, which shows every channel post);
    # its buttons carry Convener's message and action ids, packed as Slack's button value.
    def poll_post():
        items = two.timeline("someone")["items"]
        return next((item["message"] for item in items if "Pick one" in item["message"]["text"]), None)

    deadline = time.monotonic() + 10
    while poll_post() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    posted = poll_post()
    assert posted is not None
    red = next(action["id"] for action in posted["actions"] if action["label"] == "Red")
    value = f"{len(posted['id'].encode())}:{posted['id']}{red}"
    status, _ = slack_click(two, "U0VOTER", value, UX_SLACK, "5.0.2")
    assert status == 200
    ux = exported(tmp_path, config, state_dir, "ux")
    assert "slack:U0VOTER" in ux["members"] and ux["members"]["slack:U0VOTER"]["activity"]["votes"] == 1
    assert "slack:U0VOTER" not in exported(tmp_path, config, state_dir, "data")["members"]
    # A member of both communities writing in a DM is asked which one, with a button for each.
    assert slack_cmd(two, "me", DATA_SLACK, "U0VOTER", "5.0.3")[0] == 200
    status, answer = slack_cmd(two, "me", "D0DIRECT", "U0VOTER", "5.0.4")
    assert status == 200 and "which one" in answer["text"]
    choices = buttons(answer)
    assert set(choices) == {"Data Science", "UX Research"}
    status, answer = slack_click(two, "U0VOTER", choices["UX Research"], "D0DIRECT", "5.0.5")
    assert status == 200
    commands = exported(tmp_path, config, state_dir, "ux")["members"]["slack:U0VOTER"]["activity"]["commands"]
    assert commands == 1


def test_playground_takes_a_community(two, tmp_path, config, state_dir):
    status, answer = two.post("/playground/api/messages", {"member": "uxlead", "text": "/cop digest preview",
                                                           "community": "ux"})
    assert status == 200 and "Only the convenors" not in json.dumps(answer)
    status, answer = two.post("/playground/api/messages", {"member": "uxlead", "text": "/cop digest preview"})
    assert status == 200 and "Only the convenors" in json.dumps(answer)
    status, answer = two.post("/playground/api/messages", {"member": "pat", "text": "/cop me", "community": "nope"})
    assert status == 400 and "'data', 'ux'" in answer["error"]["message"]
    status, data, _ = two.request("GET", "/playground/api/communities")
    assert status == 200 and [c["id"] for c in json.loads(data)["communities"]] == ["data", "ux"]


def test_a_form_lands_in_the_community_whose_form_it_is(two, tmp_path, config, state_dir):
    for channel, trigger in ((DATA_SLACK, "6.0.1"), (UX_SLACK, "6.0.2")):
        assert slack_cmd(two, "me", channel, "U0FORM", trigger)[0] == 200
    status, answer = two.post("/playground/api/messages", {"member": "uxlead", "text": "/cop survey start pulse --k 3",
                                                           "community": "ux"})
    assert status == 200 and "Opened survey S1" in answer["replies"][0]["text"], answer
    state = {"energy": {"value": {"type": "radio_buttons", "selected_option": {
        "value": "4", "text": {"type": "plain_text", "text": "4"}}}},
        "wish": {"value": {"type": "plain_text_input", "value": "More pairing"}}}
    submission = {"type": "view_submission", "team": {"id": "T0001"},
                  "user": {"id": "U0FORM", "username": "u0form", "name": "u0form"},
                  "view": {"id": "V1", "type": "modal", "callback_id": "survey.S1", "hash": "h1",
                           "state": {"values": state}}}
    status, answer = slack(two, "/slack/interactions", {"payload": json.dumps(submission)})
    assert status == 200 and "Thank you" in json.dumps(answer), answer


def slack_event(daemon, event_id, event):
    body = json.dumps({"token": "x", "team_id": "T0001", "type": "event_callback", "event_id": event_id,
                       "event_time": int(time.time()), "event": event}).encode()
    return daemon.request("POST", "/slack/events", raw=body, headers=slack_headers(body))[0]


def test_a_join_is_welcomed_on_joining_and_a_reaction_counts(two, tmp_path, config, state_dir):
    assert slack_event(two, "EvJOIN1", {"type": "member_joined_channel", "user": "U0NEWBIE",
                                         "channel": UX_SLACK, "channel_type": "C"}) == 200
    ux = exported(tmp_path, config, state_dir, "ux")
    assert "slack:U0NEWBIE" in ux["members"]
    assert "slack:U0NEWBIE" not in exported(tmp_path, config, state_dir, "data")["members"]
    # The built-in welcome-newcomer rule greets on the join itself, before any message.
    queued = any("Welcome to UX Research" in entry["message"]["text"] for entry in ux["outbox"])
    delivered = "Welcome to UX Research" in json.dumps(two.timeline("someone"))
    assert queued or delivered
    assert slack_event(two, "EvREACT1", {"type": "reaction_added", "user": "U0NEWBIE", "reaction": "tada",
                                          "item": {"type": "message", "channel": UX_SLACK, "ts": "1.2"}}) == 200
    activity = exported(tmp_path, config, state_dir, "ux")["members"]["slack:U0NEWBIE"]["activity"]
    assert activity["reactions"] == 1


def teams_in(fake, channel, user, text):
    activity = in_channel(fake, user, text)
    activity["conversation"]["id"] = f"{channel};messageid={activity['id']}"
    activity["channelData"].update({"teamsChannelId": channel, "channel": {"id": channel}})
    return activity


def test_teams_channels_land_in_their_community(two, teams_fake, tmp_path, config, state_dir):
    fake = teams_fake
    assert send(two, fake, teams_in(fake, UX_TEAMS, "29:1uxmember", '<at>Convener</at> cop poll "Tea?" "Yes" "No"'))[0] == 200
    assert send(two, fake, teams_in(fake, DATA_TEAMS, "29:1datamember", "<at>Convener</at> cop me"))[0] == 200
    # The UX poll is posted in the UX Teams channel only.
    assert wait_for(lambda: fake.posts_to(UX_TEAMS))
    assert not [c for c in fake.posts_to(DATA_TEAMS) if "Tea?" in json.dumps(c["body"])]
    # A 1:1 chat is routed by membership.
    dm = personal(fake, "29:1datamember", "cop events")
    assert send(two, fake, dm)[0] == 200
    assert wait_for(lambda: fake.posts_to(dm["conversation"]["id"], dm["id"]))
    assert two.stop() == 0
    data, ux = (exported(tmp_path, config, state_dir, c) for c in ("data", "ux"))
    assert "teams:29:1uxmember" in ux["members"] and "teams:29:1uxmember" not in data["members"]
    assert "teams:29:1datamember" in data["members"] and "teams:29:1datamember" not in ux["members"]
    assert "Tea?" in json.dumps(ux["polls"]) and "Tea?" not in json.dumps(data["polls"])


def test_matrix_rooms_route_to_their_communities_and_a_1_1_room_asks_which(synapse, make_daemon, tmp_path):
    pytest.importorskip("nio", reason="matrix-nio is in Tests/requirements.txt")
    from matrix_homeserver import Member

    tag = uuid.uuid4().hex[:8]
    bot = synapse.register(f"bot{tag}")
    alice, bob = Member(synapse, f"alice{tag}"), Member(synapse, f"bob{tag}")
    try:
        data_room = alice.create_room(invite=[bot["user_id"]])
        ux_room = alice.create_room(invite=[bot["user_id"]])
        config = tmp_path / "matrix.yaml"
        config.write_text(
            "communities:\n"
            "  - id: data\n    name: Data Science\n"
            f"    convenors: [\"matrix:{alice.user_id}\"]\n"
            f"    matrix_room: \"{data_room}\"\n"
            "  - id: ux\n    name: UX Research\n"
            f"    convenors: [\"matrix:{alice.user_id}\"]\n"
            f"    matrix_rooms: [\"{ux_room}\"]\n")
        state = tmp_path / "matrix-state"
        make_daemon(extra_args=["--config", str(config)], state=state, env={
            "MATRIX_HOMESERVER_URL": synapse.url, "MATRIX_ACCESS_TOKEN": bot["access_token"],
            "MATRIX_USER_ID": bot["user_id"]}).start()

        def joined(room):
            return any(r == room and e.get("state_key") == bot["user_id"] and e["content"].get("membership") == "join"
                       for r, e in alice.sync().events)

        assert wait_for(lambda: joined(data_room) and joined(ux_room), timeout=20)
        bob.join(data_room)

        def export(community):
            return exported(tmp_path, config, state, community)

        alice.say(ux_room, '!cop poll "Tea or coffee?" "Tea" "Coffee"')
        bob.say(data_room, "!cop me")
        alice.say(data_room, "!cop me")
        member_alice, member_bob = f"matrix:{alice.user_id}", f"matrix:{bob.user_id}"
        assert wait_for(lambda: member_alice in export("data")["members"] and member_bob in export("data")["members"]
                        and "Tea or coffee?" in json.dumps(export("ux")["polls"]), timeout=20)
        assert member_bob not in export("ux")["members"]
        assert "Tea or coffee?" not in json.dumps(export("data")["polls"])
        # In a 1:1 room, alice (a member of both) is asked which community, and answers with the choice code.
        direct = alice.create_room(invite=[bot["user_id"]], public=False, direct=True)
        assert wait_for(lambda: joined(direct), timeout=20)
        alice.say(direct, "!cop me")

        def question():
            return [e["content"]["body"] for r, e in alice.sync().messages_from(bot["user_id"], direct)
                    if "which one" in e["content"]["body"]]

        asked = wait_for(question, timeout=15)
        assert asked, alice.messages_from(bot["user_id"])
        code = re.search(r"send (\w{5}) and a number", asked[0]).group(1)
        choices = re.findall(r"^(\d)\. (.+)$", asked[0], re.MULTILINE)
        ux_number = next(number for number, label in choices if label == "UX Research")
        before = export("ux")["members"][member_alice]["activity"]["commands"]
        alice.say(direct, f"{code} {ux_number}")
        assert wait_for(lambda: export("ux")["members"][member_alice]["activity"]["commands"] == before + 1,
                        timeout=15)
    finally:
        alice.close()
        bob.close()
