"""Microsoft Teams through a local fake Bot Framework (`teams_fake.py`): signed activities in, connector calls out.

Every `/cop` command works as a Teams message, poll clicks and survey forms arrive as Adaptive Card invokes, private
answers to channel commands go to a proactively created 1:1 conversation, 429s wait for Retry-After, an expired bot
token is renewed, and forged, expired, wrong-audience or wrong-serviceUrl tokens get 401 and change nothing. Real
activities from Microsoft's docs and the botbuilder SDKs' fixtures (`teams_corpus/`) are each answered as Teams
expects.
"""

import copy
import itertools
import json
import pathlib
import re
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from conftest import REPO, run_cli, wait_for
from teams_fake import APP_ID, BOT, TENANT, FakeBotFramework

CHANNEL = "19:general0ea1b2c3d4e5f60718293a4b5c6d7e@thread.tacv2"
TEAM = "19:team0ea1b2c3d4e5f60718293a4b5c6d7e8f@thread.tacv2"
CONVENOR = "29:1convenorAbCdEf"
MEMBER = "29:1memberAbCdEf"
CORPUS = pathlib.Path(__file__).parent / "teams_corpus"

CONFIG = f"""
communities:
  - id: cop
    name: Platform Guild
    convenors: ["teams:{CONVENOR}"]
    teams_channel: "{CHANNEL}"
"""

_ids = itertools.count(1)


@pytest.fixture
def fake():
    server = FakeBotFramework()
    yield server
    server.close()


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "convener.yaml"
    path.write_text(CONFIG)
    return path


@pytest.fixture
def teams(make_daemon, fake, config):
    return make_daemon(extra_args=["--config", str(config)], env={
        **fake.env(), "CONVENER_TEST_DELIVERY_TIMEOUT_MS": "5000"}).start()


def personal(fake, user, text=None, **extra):
    activity = {
        "type": "message", "id": f"16{next(_ids):011d}", "timestamp": "2026-12-05T10:00:00.000Z",
        "serviceUrl": fake.service_url, "channelId": "msteams",
        "from": {"id": user, "name": user[-8:], "aadObjectId": "6c2f6a3c-1d3a-4b5e-9a47-7e2f0b2a3c4d"},
        "conversation": {"conversationType": "personal", "tenantId": TENANT, "id": f"a:personal-{user}"},
        "recipient": {"id": BOT, "name": "Convener"}, "textFormat": "plain", "locale": "en-US",
        "channelData": {"tenant": {"id": TENANT}},
    }
    if text is not None:
        activity["text"] = text
    activity.update(extra)
    return activity


def in_channel(fake, user, text, **extra):
    activity = personal(fake, user, text, **extra)
    root = activity["id"]
    activity["conversation"] = {"conversationType": "channel", "isGroup": True, "tenantId": TENANT,
                                "id": f"{CHANNEL};messageid={root}"}
    activity["channelData"] = {"teamsChannelId": CHANNEL, "teamsTeamId": TEAM, "channel": {"id": CHANNEL},
                               "team": {"id": TEAM}, "tenant": {"id": TENANT}}
    activity["entities"] = [{"type": "mention", "text": "<at>Convener</at>",
                             "mentioned": {"id": BOT, "name": "Convener"}}]
    return activity


def invoke(fake, user, data, reply_to="1700000000001", channel=False):
    activity = (in_channel(fake, user, None) if channel else personal(fake, user))
    activity.pop("text", None)
    activity.update({"type": "invoke", "name": "adaptiveCard/action", "replyToId": reply_to,
                     "value": {"action": {"type": "Action.Execute", "verb": "convener.click", "data": data},
                               "trigger": "manual"}})
    return activity


def send(daemon, fake, activity, **token):
    body = json.dumps(activity).encode()
    status, data, _ = daemon.request("POST", "/teams/messages", raw=body, headers=fake.headers(**token))
    return status, (json.loads(data) if data else None)


def card_of(call):
    attachments = call["body"].get("attachments") or []
    return attachments[0]["content"] if attachments else None


def text_of(call):
    card = card_of(call)
    if card is None:
        return call["body"].get("text", "")
    return " ".join(b.get("text", "") for b in card["body"] if b.get("type") == "TextBlock")


def buttons_of(card):
    return {a["title"]: a["data"] for block in card["body"] if block.get("type") == "ActionSet"
            for a in block["actions"]}


def command_examples():
    source = (REPO / "Sources/ConvenerCore/Commands/CommandTable.swift").read_text()
    return [m.replace('\\"', '"') for m in re.findall(r'example: "((?:[^"\\]|\\.)*)"', source)]


def exported(tmp_path, config, state_dir):
    result = run_cli("state", "export", "--config", str(config), "--state-dir", str(state_dir),
                     "--community", "cop", cwd=tmp_path)
    return json.loads(result.stdout)["state"]


def test_every_command_works_as_a_teams_message(teams, fake):
    examples = command_examples()
    assert len(examples) >= 30
    for number, example in enumerate(examples):
        text = ("/cop " if number % 2 else "cop ") + example
        activity = personal(fake, CONVENOR, text)
        status, answer = send(teams, fake, activity)
        assert status == 200, (example, answer)
        replies = wait_for(lambda: fake.posts_to(activity["conversation"]["id"], activity["id"]))
        assert replies, f"no reply to '{text}'"
        said = text_of(replies[0])
        assert said and "not a command" not in said.lower(), (example, said)
    grant = fake.grants[0]
    assert grant["grant_type"] == "client_credentials" and grant["client_id"] == APP_ID
    assert grant["scope"] == "https://api.botframework.com/.default"
    assert all(c["token"].startswith("bot-token-") for c in fake.connector_calls())


def test_channel_mention_is_a_command_and_private_answers_go_to_a_proactive_dm(teams, fake, state_dir):
    activity = in_channel(fake, MEMBER, "<at>Convener</at> cop me")
    assert send(teams, fake, activity)[0] == 200
    created = wait_for(lambda: fake.connector_calls("POST", "/v3/conversations"))
    create = next(c for c in created if c["path"] == "/v3/conversations")
    assert create["body"]["members"] == [{"id": MEMBER}] and create["body"]["tenantId"] == TENANT
    assert create["body"]["bot"]["id"] == BOT and create["body"]["isGroup"] is False
    dm = wait_for(lambda: fake.posts_to(f"a:dm-{MEMBER}"))
    assert dm and text_of(dm[0])
    # Nothing private was posted in the channel thread.
    assert not fake.posts_to(activity["conversation"]["id"], activity["id"])
    # The 1:1 conversation is kept durably, and reused.
    book = json.loads((state_dir / "platform-addresses.json").read_text())
    assert book["teams"][f"member:{MEMBER}"]["conversation"] == f"a:dm-{MEMBER}"
    def creations():
        return len([c for c in fake.connector_calls("POST") if c["path"] == "/v3/conversations"])

    # Replies sent side by side may each create it once (Teams answers with the same conversation); later ones
    # reuse the kept one.
    time.sleep(1)
    created = creations()
    posted = len(fake.posts_to(f"a:dm-{MEMBER}"))
    again = in_channel(fake, MEMBER, "<at>Convener</at> /cop events")
    assert send(teams, fake, again)[0] == 200
    assert wait_for(lambda: len(fake.posts_to(f"a:dm-{MEMBER}")) > posted)
    assert creations() == created


def test_poll_card_clicks_arrive_as_invokes_and_the_card_is_edited_in_place(teams, fake):
    command = in_channel(fake, MEMBER, '<at>Convener</at> cop poll "Lunch?" "Pizza" "Sushi"')
    assert send(teams, fake, command)[0] == 200
    posted = wait_for(lambda: [c for c in fake.posts_to(CHANNEL) if card_of(c)])
    assert posted, fake.connector_calls()
    card = card_of(posted[0])
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    assert len(json.dumps(posted[0]["body"]).encode()) < 28 * 1024
    choices = buttons_of(card)
    assert "Pizza" in " ".join(choices), choices
    pizza = next(data for title, data in choices.items() if "Pizza" in title)
    status, answer = send(teams, fake, invoke(fake, MEMBER, pizza, channel=True))
    assert status == 200 and answer["statusCode"] == 200, answer
    assert answer["type"] in ("application/vnd.microsoft.activity.message", "application/vnd.microsoft.card.adaptive")
    assert "Pizza" in json.dumps(answer)
    edits = wait_for(lambda: fake.connector_calls("PUT"))
    assert edits and edits[-1]["path"].startswith(f"/v3/conversations/{CHANNEL}/activities/")
    assert card_of(edits[-1])["type"] == "AdaptiveCard" and edits[-1]["body"]["id"] == edits[-1]["path"].rsplit("/", 1)[1]


def test_survey_form_is_an_adaptive_card_with_field_errors(teams, fake):
    # The member is known to the community before the survey starts, so they are invited.
    member_hello = personal(fake, MEMBER, "cop me")
    assert send(teams, fake, member_hello)[0] == 200
    assert wait_for(lambda: fake.posts_to(member_hello["conversation"]["id"], member_hello["id"]))
    start = personal(fake, CONVENOR, "cop survey start pulse --k 3")
    assert send(teams, fake, start)[0] == 200
    invitation = wait_for(lambda: [c for c in fake.posts_to(f"a:personal-{MEMBER}")
                                   if card_of(c) and "Open the survey" in buttons_of(card_of(c))])
    assert invitation, fake.connector_calls()
    opener = buttons_of(card_of(invitation[0]))["Open the survey"]
    status, answer = send(teams, fake, invoke(fake, MEMBER, opener))
    assert status == 200 and answer["type"] == "application/vnd.microsoft.card.adaptive", answer
    form = answer["value"]
    inputs = [b for b in form["body"] if b["type"].startswith("Input.")]
    assert [i["id"] for i in inputs] == ["energy", "wish"]
    assert inputs[0]["type"] == "Input.ChoiceSet" and inputs[1]["type"] == "Input.Text"
    submit = form["body"][-1]["actions"][0]
    assert submit["type"] == "Action.Execute"
    bad = dict(submit["data"], energy="7")
    status, answer = send(teams, fake, invoke(fake, MEMBER, bad))
    assert status == 200 and answer["type"] == "application/vnd.microsoft.card.adaptive"
    assert "1 to 5" in json.dumps(answer["value"]) and "Input.ChoiceSet" in json.dumps(answer["value"])
    good = dict(submit["data"], energy="4", wish="More pairing")
    status, answer = send(teams, fake, invoke(fake, MEMBER, good))
    assert status == 200 and "Thank you" in json.dumps(answer), answer
    # The same answers as an Action.Submit (older clients) are refused as already answered.
    submit_message = personal(fake, MEMBER, None, value=good)
    assert send(teams, fake, submit_message)[0] == 200
    again = wait_for(lambda: fake.posts_to(submit_message["conversation"]["id"], submit_message["id"]))
    assert again and "already answered" in text_of(again[0])


def retried(fake, status, after=0):
    """The first call answered `status` (from call number `after` on) and the next call to the same path."""
    calls = fake.connector_calls()[after:]
    refused = next((c for c in calls if c["status"] == status), None)
    if refused is None:
        return None
    later = [c for c in calls if c["path"] == refused["path"] and c["time"] > refused["time"] and c["status"] == 200]
    return (refused, later[0]) if later else None


def test_429_waits_for_retry_after_and_an_expired_token_is_renewed(teams, fake):
    fake.throttle = 1
    fake.retry_after = "2"
    first = personal(fake, MEMBER, "cop me")
    assert send(teams, fake, first)[0] == 200
    assert wait_for(lambda: fake.posts_to(first["conversation"]["id"], first["id"]))
    refused, accepted = wait_for(lambda: retried(fake, 429))
    assert accepted["time"] - refused["time"] >= 1.9, "the retry came before Retry-After"
    grants = len(fake.grants)
    seen = len(fake.connector_calls())
    fake.expire_tokens()
    second = personal(fake, MEMBER, "cop events")
    assert send(teams, fake, second)[0] == 200
    assert wait_for(lambda: fake.posts_to(second["conversation"]["id"], second["id"]))
    refused, accepted = wait_for(lambda: retried(fake, 401, seen))
    assert refused["token"] != accepted["token"] and len(fake.grants) > grants
    # A token the connector refuses early (revoked) is renewed the same way.
    grants = len(fake.grants)
    fake.refuse_once = True
    third = personal(fake, MEMBER, "cop back")
    assert send(teams, fake, third)[0] == 200
    assert wait_for(lambda: fake.posts_to(third["conversation"]["id"], third["id"]))
    assert len(fake.grants) > grants


def test_bad_tokens_get_401_and_change_nothing(teams, fake, tmp_path, config, state_dir):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cases = {
        "forged": {"key": stranger},
        "expired": {"expires_in": -600},
        "wrong audience": {"audience": "00000000-0000-0000-0000-0000000000ff"},
        "wrong serviceUrl": {"service_url": "https://evil.example/"},
        "wrong issuer": {"issuer": "https://sts.windows.net/evil/"},
        "unknown key": {"kid": "no-such-key"},
    }
    for name, token in cases.items():
        activity = personal(fake, "29:1intruder", "cop me")
        status, answer = send(teams, fake, activity, **token)
        assert status == 401, (name, answer)
    body = json.dumps(personal(fake, "29:1intruder", "cop me")).encode()
    assert teams.request("POST", "/teams/messages", raw=body)[0] == 401
    time.sleep(0.5)
    assert not fake.connector_calls()
    assert teams.stop() == 0
    assert "teams:29:1intruder" not in exported(tmp_path, config, state_dir)["members"]


def test_joins_leaves_and_reactions(teams, fake, tmp_path, config, state_dir):
    def update(**fields):
        activity = in_channel(fake, MEMBER, None)
        activity.pop("entities")
        activity.update(fields)
        return activity

    joined = update(type="conversationUpdate", membersAdded=[{"id": BOT}, {"id": "29:1newcomer"}])
    assert send(teams, fake, joined)[0] == 200
    installed = update(type="conversationUpdate", membersAdded=[{"id": BOT}])
    assert send(teams, fake, installed)[0] == 200
    reaction = update(type="messageReaction", reactionsAdded=[{"type": "like"}], replyToId="1700000000001")
    reaction["from"] = {"id": "29:1newcomer", "name": "Newcomer"}
    assert send(teams, fake, reaction)[0] == 200
    members = exported(tmp_path, config, state_dir)["members"]
    assert members["teams:29:1newcomer"]["activity"]["reactions"] == 1
    assert f"teams:{BOT}" not in members, "the bot's own addition is no member"
    left = update(type="conversationUpdate", membersRemoved=[{"id": "29:1newcomer"}])
    assert send(teams, fake, left)[0] == 200
    # The built-in welcome-newcomer rule greets the newcomer in the channel.
    assert wait_for(lambda: [c for c in fake.posts_to(CHANNEL) if "Welcome" in text_of(c)])


def corpus():
    return sorted(CORPUS.glob("*.json"))


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.stem)
def test_real_activities_are_answered_as_teams_expects(teams, fake, path):
    entry = json.loads(path.read_text())
    assert entry["source"].startswith("https://"), "every corpus entry names where it was copied from"
    activity = copy.deepcopy(entry["activity"])
    activity["serviceUrl"] = fake.service_url
    status, answer = send(teams, fake, activity)
    assert status == 200, answer
    if activity["type"] == "invoke" and entry.get("answer") != "acknowledged":
        assert answer is not None and answer["statusCode"] in entry.get("statusCodes", [200]), answer


def test_the_app_manifest_declares_the_bot_and_real_cop_commands():
    folder = REPO / "Deploy/teams"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert tuple(int(p) for p in manifest["manifestVersion"].split(".")) >= (1, 17)
    assert manifest["$schema"].endswith(f"/v{manifest['manifestVersion']}/MicrosoftTeams.schema.json")
    assert len(manifest["name"]["short"]) <= 30 and len(manifest["description"]["short"]) <= 80
    bot = manifest["bots"][0]
    assert bot["botId"] == manifest["id"] and set(bot["scopes"]) == {"personal", "team", "groupChat"}
    # Teams sends a bot the channel replies that do not mention it (answers to prompts) only with this
    # resource-specific permission (learn.microsoft.com, bots/how-to/conversations/channel-messages-with-rsc), which
    # needs webApplicationInfo naming the app.
    assert manifest["webApplicationInfo"]["id"] == manifest["id"] and manifest["webApplicationInfo"]["resource"]
    assert {"name": "ChannelMessage.Read.Group", "type": "Application"} in \
        manifest["authorization"]["permissions"]["resourceSpecific"]
    commands = bot["commandLists"][0]["commands"]
    assert 1 <= len(commands) <= 10
    examples = command_examples()
    for command in commands:
        title = command["title"]
        assert title.startswith("cop ") and len(title) <= 32 and len(command["description"]) <= 128
        assert any(example.startswith(title[4:]) for example in examples), title
    for name, size in (("color.png", 192), ("outline.png", 32)):
        data = (folder / manifest["icons"][name.split(".")[0]]).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == size and int.from_bytes(data[20:24], "big") == size
