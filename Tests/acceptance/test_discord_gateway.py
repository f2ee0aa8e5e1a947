"""What members respond to on Discord: the daemon keeps a Gateway connection (API v10, JSON) to a fake Discord
(`discord_gateway_fake.py`, which follows Discord's documented behaviour) and counts members' replies to a prompt it
posted (a reply naming it in `message_reference`, or a message in the thread started from it), their reactions on it,
and their other messages as activity, through a reconnection (op 7) with Resume, a replayed duplicate, a missed
heartbeat ACK and an Invalid Session.

The events are Discord's own examples (`Tests/discord_corpus/`, each file naming the commit and page of
discord/discord-api-docs it comes from) with their ids pointed at this test's guild, channel, prompt and members.
"""

import copy
import itertools
import json
import pathlib
import time

import pytest

from conftest import wait_for
from discord_gateway_fake import BOT_USER, TOKEN, FakeDiscord
from test_platforms import DISCORD_PUBLIC_HEX, discord_request
from test_postgres import SERVER, database_url  # noqa: F401  (a database of its own for the several-daemons test)

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "discord_corpus"
GUILD = "41771983423143937"
CHANNEL = "290926798999357250"
CONVENOR = "80351110224678912"
MEMBERS = [f"5390809950618368{n}" for n in range(10)]
ADMIN = "discord-gateway-admin"
AUTH = {"Authorization": f"Bearer {ADMIN}"}


def corpus(name):
    """The payload of a corpus file, as Discord's documentation shows it."""
    return copy.deepcopy(json.loads((CORPUS / name).read_text())["payload"])


def message(number, author, channel=CHANNEL, reply_to=None, channel_type=0):
    """message-create.json (or message-reply.json when it replies) from `author` in `channel`."""
    data = corpus("message-reply.json" if reply_to else "message-create.json")["d"]
    data.update(id=f"14000000000000000{number:02d}", channel_id=channel, guild_id=GUILD, channel_type=channel_type)
    data["author"] = dict(data["author"], id=author, username=f"member{author[-1]}")
    data.pop("member", None)
    if reply_to:
        data["message_reference"].update(message_id=reply_to, channel_id=channel, guild_id=GUILD)
    return data


def reaction(user, message_id):
    data = corpus("reaction-add.json")["d"]
    data.update(user_id=user, message_id=message_id, channel_id=CHANNEL, guild_id=GUILD)
    data["member"]["user"]["id"] = user
    return data


def guild_create():
    data = corpus("guild-create.json")["d"]
    data["id"] = GUILD
    data["channels"][0].update(id=CHANNEL, guild_id=GUILD)
    data["threads"][0].update(guild_id=GUILD, parent_id=CHANNEL)
    return data


def thread_from(prompt):
    """thread-create.json as `GET /channels/{id}` answers for the thread started from the prompt: its id is the
    prompt's (channel.mdx, Start Thread from Message)."""
    data = corpus("thread-create.json")["d"]
    data.pop("newly_created")
    data.update(id=prompt, guild_id=GUILD, parent_id=CHANNEL)
    return data


def interaction(text, number):
    return {
        "id": f"22000000000000000{number:02d}", "application_id": "app42", "type": 2, "token": f"token{number}",
        "version": 1, "guild_id": GUILD, "channel_id": CHANNEL,
        "member": {"user": {"id": CONVENOR, "username": "convenor", "global_name": "The Convenor"}},
        "data": {"id": "7", "name": "cop", "type": 1, "options": [{"name": "text", "type": 3, "value": text}]},
    }


@pytest.fixture
def fake():
    server = FakeDiscord(heartbeat_interval_ms=1000).start()
    yield server
    server.stop()


def start(make_daemon, tmp_path, fake, token=TOKEN):
    config = tmp_path / "discord.yaml"
    config.write_text(
        "communities:\n  - name: Gatherers\n"
        f'    discord_channel: "{CHANNEL}"\n'
        f'    discord_guild: "{GUILD}"\n'
        f"    convenors: ['discord:{CONVENOR}']\n"
        "prompts:\n  answer_window_days: 7\n")
    return make_daemon(extra_args=["--config", str(config)], env={
        "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX, "DISCORD_BOT_TOKEN": token, "DISCORD_API_BASE_URL": fake.api,
        "CONVENER_ADMIN_TOKEN": ADMIN,
    }).start()


def health(daemon):
    status, body, _ = daemon.request("GET", "/dashboard/api/health", headers=AUTH)
    assert status == 200, body
    return json.loads(body)["communities"][0]


def trends(daemon):
    status, body, _ = daemon.request("GET", "/dashboard/api/trends?weeks=1", headers=AUTH)
    assert status == 200, body
    return json.loads(body)["communities"][0]


def test_replies_threads_and_reactions_to_a_prompt_count_through_reconnections(make_daemon, tmp_path, fake):
    fake.guild_create = guild_create()
    daemon = start(make_daemon, tmp_path, fake)
    identified = wait_for(lambda: fake.log("identify"))
    assert identified, daemon.output
    identify, path = identified[0]
    assert path == "/gateway/?v=10&encoding=json"
    assert identify["d"]["token"] == TOKEN
    # GUILDS | GUILD_MESSAGES | GUILD_MESSAGE_REACTIONS, and not the privileged MESSAGE_CONTENT (1 << 15).
    assert identify["d"]["intents"] == 1537 and not identify["d"]["intents"] & (1 << 15)
    assert set(identify["d"]["properties"]) == {"os", "browser", "device"}
    # Heartbeats come and are acknowledged; the first carries the last sequence (READY 1, GUILD_CREATE 2).
    assert wait_for(lambda: any(beat["d"] == 2 for beat, _ in fake.log("heartbeat"))), fake.log("heartbeat")

    # The convenor posts a prompt; it lands in the bound channel, and the fake answers with its message id.
    status, body, _ = discord_request(daemon, interaction("prompt now", 1))
    assert status == 200 and "Posted the next" in json.loads(body)["data"]["content"], body
    posted = wait_for(lambda: [m for m in fake.posted(CHANNEL) if m[0]["content"].startswith("💬")])
    assert posted, fake.posts
    prompt = posted[0][1]
    # The prompt's place on Discord is recorded once it has left the outbox.
    assert wait_for(lambda: health(daemon)["outbox"] == 0)

    # Five members reply to it; one starts a thread from it (Discord gives the thread the prompt's id); the thread
    # was never announced, so the daemon asks for it; one member writes in the channel; a bot and the bot itself
    # are not members.
    fake.channels[prompt] = thread_from(prompt)
    fake.dispatch("MESSAGE_CREATE", message(1, MEMBERS[6]))
    bot_message = corpus("message-from-bot.json")["d"]
    bot_message.update(channel_id=CHANNEL, guild_id=GUILD)
    fake.dispatch("MESSAGE_CREATE", bot_message)
    fake.dispatch("MESSAGE_CREATE", message(2, BOT_USER, reply_to=prompt))
    fake.dispatch("MESSAGE_CREATE", message(3, MEMBERS[5], channel=prompt, channel_type=11))
    fake.dispatch("MESSAGE_CREATE", message(4, MEMBERS[0], channel=prompt, channel_type=11))
    for n in range(5):
        fake.dispatch("MESSAGE_REACTION_ADD", reaction(MEMBERS[n], prompt))
    fake.dispatch("MESSAGE_REACTION_ADD", reaction(BOT_USER, prompt))
    for n in range(5):
        fake.dispatch("MESSAGE_CREATE", message(10 + n, MEMBERS[n], reply_to=prompt))
    assert wait_for(lambda: trends(daemon)["weeks"][-1]["promptReplies"] == 7), trends(daemon)["weeks"][-1]
    assert [lookup for lookup, _ in fake.log("lookup")] == [prompt]

    # Discord asks for a reconnection (op 7); a member replies while the client is away; the client resumes at the
    # resume URL with the session and the last sequence it handled, gets the missed reply, and the replayed
    # duplicate of the last reply before the drop counts once.
    last = fake.sequence
    fake.replay_duplicate = True
    fake.reconnect()
    fake.dispatch("MESSAGE_CREATE", message(20, MEMBERS[7], reply_to=prompt))
    resumed = wait_for(lambda: fake.log("resume"))
    assert resumed, daemon.output
    resume, path = resumed[0]
    assert path == "/resume/?v=10&encoding=json"
    assert resume["d"] == {"token": TOKEN, "session_id": "session-1", "seq": last}
    assert wait_for(lambda: trends(daemon)["weeks"][-1]["promptReplies"] == 8), trends(daemon)["weeks"][-1]

    # A heartbeat left unacknowledged means a zombie connection: the client closes it and resumes again.
    fake.acknowledge = False
    assert wait_for(lambda: len(fake.log("resume")) == 2, timeout=10), daemon.output
    assert any("heartbeat was not acknowledged" in line for line in daemon.output)
    fake.acknowledge = True
    time.sleep(2.5)

    # Invalid Session (op 9, not resumable): after a pause of 1 to 5 seconds the client identifies afresh.
    assert wait_for(lambda: fake.socket is not None)
    fake.invalidate(resumable=False)
    assert wait_for(lambda: len(fake.log("identify")) == 2, timeout=15), daemon.output
    assert fake.log("identify")[1][1] == "/gateway/?v=10&encoding=json"
    assert any("invalidated the session" in line for line in daemon.output)
    assert wait_for(lambda: fake.session_id == "session-2" and fake.socket is not None)
    fake.dispatch("MESSAGE_CREATE", message(30, MEMBERS[8], reply_to=prompt))

    numbers = itertools.count(40)

    def stats():
        status, body, _ = discord_request(daemon, interaction("prompt stats", next(numbers)))
        assert status == 200, body
        return json.loads(body)["data"]["content"]

    text = wait_for(lambda: (lambda t: t if "9 replies" in t else None)(stats()))
    assert "• reflection: 1 prompt, 9 replies, 5 reactions, 8 answerers, response rate 8.0" in text, text
    for member in MEMBERS:
        assert member not in text

    week = trends(daemon)["weeks"][-1]
    assert week["promptReplies"] == 9 and week["promptReactions"] == 5 and week["promptAnswerers"] == 8
    # Every member's message is activity (nine replies and one message in the channel); the bots' are not, and
    # reactions count as reactions.
    assert week["messages"] == 10 and week["reactions"] == 5, week
    rows = trends(daemon)["prompts"]["rows"]
    assert rows == [{"theme": "reflection", "posted": 1, "replies": 9, "reactions": 5, "answerers": 8,
                     "responseRate": 8.0}]
    assert daemon.stop() == 0


def test_a_refused_token_stops_the_gateway_with_what_to_do(make_daemon, tmp_path, fake):
    """Close code 4004 (authentication failed) is not retried: the log says how to fix the token."""
    fake.identify_token = "another-token"
    daemon = start(make_daemon, tmp_path, fake)
    assert wait_for(lambda: any("close code 4004" in line for line in daemon.output)), daemon.output
    time.sleep(3)
    assert fake.connections == 1
    line = next(line for line in daemon.output if "close code 4004" in line)
    assert "DISCORD_BOT_TOKEN" in line and TOKEN not in line
    assert daemon.stop() == 0


@pytest.mark.skipif(not SERVER, reason="CONVENER_TEST_DATABASE_URL is not set (scripts/test sets it)")
def test_only_the_lease_holder_of_several_daemons_connects(make_daemon, tmp_path, fake, database_url):
    """Two daemons on one PostgreSQL database: only the holder of the `discord.gateway` lease connects, so each
    member's message is counted once."""
    fake.guild_create = guild_create()
    config = tmp_path / "discord.yaml"
    config.write_text(
        "communities:\n  - name: Gatherers\n"
        f'    discord_channel: "{CHANNEL}"\n'
        f"    convenors: ['discord:{CONVENOR}']\n")
    env = {"CONVENER_DATABASE_URL": database_url, "CONVENER_ADMIN_TOKEN": ADMIN, "DISCORD_PUBLIC_KEY": DISCORD_PUBLIC_HEX,
           "DISCORD_BOT_TOKEN": TOKEN, "DISCORD_API_BASE_URL": fake.api}
    daemons = [make_daemon(extra_args=["--config", str(config)], env=env, state=tmp_path / f"unused-{n}").start()
               for n in range(2)]
    assert wait_for(lambda: fake.socket is not None and fake.session_id is not None)
    time.sleep(3)
    assert len(fake.log("identify")) == 1 and fake.connections == 1
    for n in range(6):
        fake.dispatch("MESSAGE_CREATE", message(50 + n, MEMBERS[n]))
    assert wait_for(lambda: trends(daemons[0])["weeks"][-1]["messages"] == 6), trends(daemons[0])["weeks"][-1]
    time.sleep(1)
    for daemon in daemons:
        assert trends(daemon)["weeks"][-1]["messages"] == 6
    for daemon in daemons:
        assert daemon.stop() == 0
