"""What members respond to, on Microsoft Teams, end to end: a scheduled prompt is posted to the bound channel through
the fake connector (`teams_fake.py`, which answers `POST /v3/conversations/{id}/activities` with the created
activity's `id`, as the connector does), then signed activities answer it, and `/cop prompt stats` and the trends
API count them.

Each activity starts from a real one copied from Microsoft's docs (`teams_corpus/`): a channel reply from
`channel-message-with-mention.json` (learn.microsoft.com, bots-conv-channel: its conversation id carries the thread
root as `;messageid=` and the message names it in `replyToId`), a reaction from `reaction-like.json`
(learn.microsoft.com, bots-notifications: `messageReaction` with `reactionsAdded` and the liked message in
`replyToId`, in the plain channel conversation). Only the ids, the text and the `serviceUrl` are changed to this
team's; the replies come in both forms Teams sends (with `replyToId`, and with only the conversation's
`;messageid=`), as Teams delivers channel messages to a bot that holds the `ChannelMessage.Read.Group`
resource-specific permission (`Deploy/teams/manifest.json`).
"""

import copy
import datetime
import itertools
import json
import pathlib
import time

import pytest

from conftest import run_cli, wait_for
from teams_fake import BOT, TENANT
from test_teams import CHANNEL, CONVENOR, TEAM, fake, personal, send, text_of  # noqa: F401  (fake is a fixture)

CORPUS = pathlib.Path(__file__).parent / "teams_corpus"
ADMIN = "teams-prompt-admin"
AUTH = {"Authorization": f"Bearer {ADMIN}"}
ANSWERERS = [f"29:1answerer{n}XyZ" for n in range(6)]
_ids = itertools.count(1)

CONFIG = f"""
communities:
  - id: cop
    name: Platform Guild
    convenors: ["teams:{CONVENOR}"]
    teams_channel: "{CHANNEL}"
prompts:
  answer_window_days: 7
rules:
  - id: weekly-prompt
    trigger:
      schedule: {{cron: "0 10 * * TUE", timezone: UTC}}
    actions:
      - prompt.post: {{theme: reflection}}
"""


def corpus(name):
    return json.loads((CORPUS / name).read_text())["activity"]


def channel_reply(fake, user, text, thread, reply_to=True):
    """A member's message in the channel thread whose root is `thread`, shaped like the docs' channel message."""
    activity = copy.deepcopy(corpus("channel-message-with-mention.json"))
    del activity["attachments"], activity["entities"], activity["localTimestamp"]
    activity.update({
        "id": f"1767{next(_ids):09d}", "text": text, "serviceUrl": fake.service_url,
        "timestamp": "2026-01-06T10:05:00.000Z",
        "from": {"id": user, "name": "Answerer", "aadObjectId": "6c2f6a3c-1d3a-4b5e-9a47-7e2f0b2a3c4d"},
        "conversation": {"isGroup": True, "conversationType": "channel", "tenantId": TENANT,
                         "id": f"{CHANNEL};messageid={thread}"},
        "recipient": {"id": BOT, "name": "Convener"},
        "channelData": {"teamsChannelId": CHANNEL, "teamsTeamId": TEAM, "channel": {"id": CHANNEL},
                        "team": {"id": TEAM}, "tenant": {"id": TENANT}},
    })
    if reply_to:
        activity["replyToId"] = thread
    else:
        del activity["replyToId"]
    return activity


def reaction(fake, user, message, in_thread=False):
    """A `like` on `message`, shaped like the docs' reaction (plain channel conversation), or in the thread form."""
    activity = copy.deepcopy(corpus("reaction-like.json"))
    activity.update({
        "id": f"f:{next(_ids):08x}", "serviceUrl": fake.service_url, "replyToId": message,
        "timestamp": "2026-01-06T10:06:00.000Z",
        "from": {"id": user, "aadObjectId": "c33aafc4-646d-4543-9d4c-abd28e4d2110"},
        "conversation": {"isGroup": True, "conversationType": "channel",
                         "id": f"{CHANNEL};messageid={message}" if in_thread else CHANNEL},
        "recipient": {"id": BOT, "name": "Convener"},
        "channelData": {"channel": {"id": CHANNEL}, "team": {"id": TEAM}, "tenant": {"id": TENANT}},
    })
    return activity


@pytest.fixture
def prompted(make_daemon, fake, tmp_path):
    """A Teams community whose weekly prompt rule fired on Tuesday 10:00 (test clock); yields the daemon and the
    prompt's activity id, as the connector answered it."""
    config = tmp_path / "convener.yaml"
    config.write_text(CONFIG)
    start = datetime.datetime(2026, 1, 6, 9, 59, 54, tzinfo=datetime.timezone.utc)
    fake.clock_offset = start.timestamp() - time.time()
    daemon = make_daemon(extra_args=["--config", str(config)], env={
        **fake.env(), "CONVENER_ADMIN_TOKEN": ADMIN, "CONVENER_TEST_CLOCK": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "CONVENER_TEST_DELIVERY_TIMEOUT_MS": "5000"}).start()
    post = wait_for(lambda: next((c for c in fake.posts_to(CHANNEL) if text_of(c).startswith("💬")), None),
                    timeout=30)
    assert post, [text_of(c) for c in fake.connector_calls()]
    # The prompt's place on Teams is recorded once it has left the outbox.
    assert wait_for(lambda: health(daemon)["outbox"] == 0)
    yield daemon, post["id"], config


def health(daemon):
    status, body, _ = daemon.request("GET", "/dashboard/api/health", headers=AUTH)
    assert status == 200, body
    return json.loads(body)["communities"][0]


def accepted(daemon, fake, activity):
    status, answer = send(daemon, fake, activity)
    assert status == 200, answer


def test_channel_replies_and_reactions_to_a_scheduled_prompt_count_in_prompt_stats(prompted, fake, tmp_path,
                                                                                 state_dir):
    daemon, prompt, config = prompted
    first, second, third, fourth, fifth, other = ANSWERERS
    # Replies naming the prompt in `replyToId` (and in the conversation id, as Teams sends them) ...
    accepted(daemon, fake, channel_reply(fake, first, "Last sprint taught me to ask earlier.", prompt))
    accepted(daemon, fake, channel_reply(fake, first, "And to write it down.", prompt))
    accepted(daemon, fake, channel_reply(fake, fourth, "Pairing on the hard bits.", prompt))
    # ... and naming it only in the conversation id's `;messageid=`.
    accepted(daemon, fake, channel_reply(fake, second, "Smaller pull requests.", prompt, reply_to=False))
    accepted(daemon, fake, channel_reply(fake, third, "Reading the logs first.", prompt, reply_to=False))
    # Teams retries an activity with the same id (signed anew): it counts once.
    retried = channel_reply(fake, fifth, "Demos every Friday.", prompt)
    accepted(daemon, fake, retried)
    accepted(daemon, fake, retried)
    # Reactions on the prompt, in the docs' plain channel form and in the thread form.
    accepted(daemon, fake, reaction(fake, other, prompt))
    accepted(daemon, fake, reaction(fake, second, prompt, in_thread=True))
    # A reply in another thread, a new thread of its own and a reaction on another message are no answers.
    accepted(daemon, fake, channel_reply(fake, other, "Unrelated thread.", "1767000000999"))
    top = channel_reply(fake, other, "A new topic.", "placeholder", reply_to=False)
    top["conversation"]["id"] = f"{CHANNEL};messageid={top['id']}"
    accepted(daemon, fake, top)
    accepted(daemon, fake, reaction(fake, other, "1767000000999"))

    def stats():
        asked = personal(fake, CONVENOR, "cop prompt stats")
        accepted(daemon, fake, asked)
        replies = wait_for(lambda: fake.posts_to(asked["conversation"]["id"], asked["id"]))
        assert replies, "no answer to 'cop prompt stats'"
        return text_of(replies[0])

    text = wait_for(lambda: (lambda t: t if "6 replies" in t else None)(stats()), timeout=20)
    assert text, stats()
    assert "• reflection: 1 prompt, 6 replies, < 5 reactions, 5 answerers, response rate 5.0" in text, text
    assert "29:1answerer" not in text

    status, body, _ = daemon.request("GET", "/dashboard/api/trends?weeks=1", headers=AUTH)
    assert status == 200, body
    community = json.loads(body)["communities"][0]
    week = community["weeks"][-1]
    assert week["week"] == "2026-01-05" and week["running"] is True
    assert week["promptReplies"] == 6 and week["promptAnswerers"] == 5 and week["promptReactions"] == "< 5"
    assert community["prompts"]["rows"] == [{
        "theme": "reflection", "posted": 1, "replies": 6, "reactions": "< 5", "answerers": 5, "responseRate": 5.0,
    }]
    assert "29:1answerer" not in body.decode()
    assert daemon.stop() == 0
    # Below k the figures are hidden; the state holds them exactly: both reactions on the prompt, and nothing else.
    exported = run_cli("state", "export", "--config", str(config), "--state-dir", str(state_dir), "--community", "cop",
                       cwd=tmp_path)
    running = json.loads(exported.stdout)["state"]["analytics"]["running"]
    assert running["promptReactions"] == 2 and running["promptReplies"] == 6 and running["promptAnswerers"] == 5
