"""Matrix end to end against a real Synapse: members on matrix-nio talk to the bot the daemon runs over /sync."""

import json
import re
import signal
import time
import uuid

import pytest

from conftest import REPO, run_cli, wait_for

pytest.importorskip("synapse", reason="matrix-synapse is in Tests/requirements.txt")
pytest.importorskip("nio", reason="matrix-nio is in Tests/requirements.txt")

from matrix_homeserver import Member  # noqa: E402


class World:
    """A community bound to one Matrix room, its bot run by a daemon, and members on matrix-nio."""

    def __init__(self, synapse, make_daemon, tmp_path, names=("alice", "bob"), unlimited_bot=True, by_alias=False):
        tag = uuid.uuid4().hex[:8]
        self.synapse = synapse
        self.bot = synapse.register(f"bot{tag}", unlimited=unlimited_bot)
        self.members = {name: Member(synapse, f"{name}{tag}") for name in names}
        self.alice = self.members["alice"]
        alias = f"cop{tag}" if by_alias else None
        self.room = self.alice.create_room(invite=[self.bot["user_id"]], alias=alias)
        binding = f"#{alias}:localhost" if by_alias else self.room
        self.config = tmp_path / "convener.yaml"
        self.config.write_text(
            "communities:\n"
            "  - id: cop\n"
            "    name: Practice\n"
            f"    convenors: [\"matrix:{self.alice.user_id}\"]\n"
            f"    matrix_room: \"{binding}\"\n"
            "    rules:\n"
            "      - id: farewell\n"
            "        trigger: member.left\n"
            "        actions:\n"
            "          - post: \"Farewell, {{ member.name }}.\"\n")
        self.make_daemon = make_daemon
        self.tmp_path = tmp_path
        self.daemon = None

    def start(self):
        self.daemon = self.make_daemon(extra_args=["--config", str(self.config)], env={
            "MATRIX_HOMESERVER_URL": self.synapse.url,
            "MATRIX_ACCESS_TOKEN": self.bot["access_token"],
            "MATRIX_USER_ID": self.bot["user_id"],
        }).start()
        return self

    def bot_joined(self):
        assert wait_for(lambda: any(
            event.get("type") == "m.room.member" and event.get("state_key") == self.bot["user_id"]
            and event["content"].get("membership") == "join"
            for _, event in self.alice.sync().events), timeout=20), "the bot did not join the bound room"
        return self

    def replies(self, member, room=None):
        return member.sync().messages_from(self.bot["user_id"], room)

    def texts(self, member, room=None):
        """What the bot's messages read now: each message's body, and each edit's new body."""
        return [event["content"].get("m.new_content", event["content"])["body"]
                for _, event in member.sync().messages_from(self.bot["user_id"], room, edits=True)]

    def wait_replies(self, member, count, room=None, timeout=15):
        found = wait_for(lambda: len(self.replies(member, room)) >= count and self.replies(member, room), timeout)
        assert found and len(found) >= count, (count, [e["content"].get("body") for _, e in self.replies(member)],
                                               "\n".join(self.daemon.output[-30:]))
        return found

    def state(self):
        result = run_cli("state", "export", "--config", str(self.config), "--state-dir", str(self.daemon.state_dir),
                         "--community", "cop", cwd=self.tmp_path)
        return json.loads(result.stdout)["state"]

    def close(self):
        for member in self.members.values():
            member.close()


@pytest.fixture
def world(synapse, make_daemon, tmp_path):
    made = []

    def make(**options):
        made.append(World(synapse, make_daemon, tmp_path, **options))
        return made[-1]

    yield make
    for world in made:
        world.close()


def command_examples():
    """Every example of the command table (`example: "…"` in CommandTable.swift), in the table's order."""
    source = (REPO / "Sources" / "ConvenerCore" / "Commands" / "CommandTable.swift").read_text()
    examples = [json.loads(f'"{text}"') for text in re.findall(r'example:\s*"((?:[^"\\]|\\.)*)"', source)]
    assert len(examples) > 30
    # Forgetting oneself goes last: it erases what the other commands built.
    return sorted(examples, key=lambda example: example.startswith("me forget"))


def choice_code(body):
    match = re.search(r"send (\w{5}) and a number", body)
    assert match, body
    return match.group(1)


def direct_room(world, member):
    """The member's 1:1 room with the bot, opened by the member (the bot accepts a direct invite)."""
    room = member.create_room(invite=[world.bot["user_id"]], public=False, direct=True)
    assert wait_for(lambda: any(
        room_id == room and event.get("type") == "m.room.member" and event.get("state_key") == world.bot["user_id"]
        and event["content"].get("membership") == "join" for room_id, event in member.sync().events), timeout=20)
    return room


def test_every_command_is_answered_in_the_room_or_privately(world):
    w = world().start().bot_joined()
    for example in command_examples():
        before = len(w.replies(w.alice))
        w.alice.say(w.room, f"!cop {example}")
        w.wait_replies(w.alice, before + 1)
    bodies = [event["content"]["body"] for _, event in w.replies(w.alice)]
    assert not any("Unknown command" in body for body in bodies), bodies
    # Every reply is a notice, so no bot answers it (the poll is a native poll event, which no bot answers either).
    assert all(event["content"]["msgtype"] == "m.notice" for _, event in w.replies(w.alice)
               if event["type"] == "m.room.message")


def test_slash_cop_typed_as_text_and_replies_in_threads_with_mentions(world):
    w = world().start().bot_joined()
    w.alice.say(w.room, "/cop help")
    private = w.wait_replies(w.alice, 1)
    room_id, help_reply = private[-1]
    assert room_id != w.room, "a private reply goes to the 1:1 room, not the community's room"
    assert "poll" in help_reply["content"]["body"]
    bob = w.members["bob"]
    bob.join(w.room)
    bob_name = bob.user_id.split(":")[0][1:]
    assert wait_for(lambda: f"matrix:{bob.user_id}" in w.state()["members"]), "bob's join made him a member"
    # A kudos typed in a thread is announced in that thread, naming bob with a pill and m.mentions.
    root = w.alice.say(w.room, "Thread root")
    w.alice.say(w.room, f"!cop kudos @{bob_name} for the notes", thread=root)
    announced = wait_for(lambda: [e for _, e in w.replies(w.alice, w.room)
                                  if bob.user_id in e["content"].get("m.mentions", {}).get("user_ids", [])
                                  and "Kudos" in e["content"]["body"]])
    assert announced, [e["content"]["body"] for _, e in w.replies(w.alice)]
    content = announced[-1]["content"]
    assert content["m.relates_to"]["rel_type"] == "m.thread" and content["m.relates_to"]["event_id"] == root
    assert f'<a href="https://matrix.to/#/{bob.user_id}">' in content["formatted_body"]
    assert content["msgtype"] == "m.notice"


def test_join_is_welcomed_reactions_count_and_a_leave_runs_the_leaving_rule(world):
    w = world(names=("alice", "bob", "carol")).start().bot_joined()
    carol = w.members["carol"]
    carol.join(w.room)
    welcome = w.wait_replies(w.alice, 1, room=w.room)
    content = welcome[-1][1]["content"]
    assert "Welcome to Practice" in content["body"]
    assert content["m.mentions"]["user_ids"] == [carol.user_id]
    assert f"https://matrix.to/#/{carol.user_id}" in content["formatted_body"]
    # The welcome rule's private part reaches carol in the 1:1 room the bot opens with her.
    private = wait_for(lambda: [(r, e) for r, e in w.replies(carol) if r != w.room])
    assert private and "glad you joined Practice" in private[0][1]["content"]["body"]
    carol.react(w.room, welcome[-1][1]["event_id"], "👍")
    member = f"matrix:{carol.user_id}"
    assert wait_for(lambda: w.state()["members"][member]["activity"].get("reactions", 0) == 1), \
        w.state()["members"][member]
    carol.leave(w.room)
    farewell = wait_for(lambda: [e for _, e in w.replies(w.alice, w.room) if "Farewell" in e["content"]["body"]])
    assert farewell and carol.user_id.split(":")[0][1:] in farewell[0]["content"]["body"]


def test_a_native_poll_counts_real_responses_the_latest_per_member_and_none_after_its_end(world):
    w = world(names=("alice", "bob", "carol", "dave")).start().bot_joined()
    bob, carol, dave = w.members["bob"], w.members["carol"], w.members["dave"]
    for member in (bob, carol, dave):
        member.join(w.room)
    w.alice.say(w.room, '!cop poll "Lunch?" "Pizza" "Salad"')
    start = wait_for(lambda: [e for _, e in w.replies(w.alice, w.room)
                              if e["type"] == "org.matrix.msc3381.poll.start"], timeout=20)
    assert start, w.daemon.output[-20:]
    content = start[0]["content"]
    poll = content["org.matrix.msc3381.poll.start"]
    assert poll["kind"] == "org.matrix.msc3381.poll.disclosed" and poll["max_selections"] == 1
    assert poll["question"]["org.matrix.msc1767.text"] == "Lunch?"
    pizza, salad = (answer["id"] for answer in poll["answers"])
    assert [a["org.matrix.msc1767.text"] for a in poll["answers"]] == ["Pizza", "Salad"]
    assert content["org.matrix.msc1767.text"] == "Lunch?\n1. Pizza\n2. Salad"
    assert content["m.text"] == [{"body": "Lunch?\n1. Pizza\n2. Salad"}]
    poll_id = start[0]["event_id"]
    # Bob votes Pizza then changes to Salad; Carol votes Salad in the stable form; Dave's second vote, cut to
    # max_selections (1), names an answer the poll does not have: spoiled, it takes his Pizza back.
    bob.respond(w.room, poll_id, [pizza])
    carol.respond(w.room, poll_id, [salad], stable=True)
    dave.respond(w.room, poll_id, [pizza])
    bob.respond(w.room, poll_id, [salad])
    dave.respond(w.room, poll_id, ["not-an-answer", pizza])

    def counts():
        poll = w.state()["polls"]["polls"]["P1"]
        return poll["counts"], poll["voterCount"]

    assert wait_for(lambda: counts() == ([0, 2], 2), timeout=20), counts()
    w.alice.say(w.room, "!cop poll close P1")
    end = wait_for(lambda: [e for _, e in w.replies(w.alice, w.room) if e["type"] == "org.matrix.msc3381.poll.end"],
                   timeout=20)
    assert end, w.texts(w.alice, w.room)
    assert end[0]["content"]["m.relates_to"] == {"rel_type": "m.reference", "event_id": poll_id}
    results = end[0]["content"]["org.matrix.msc1767.text"]
    assert "Pizza: 0" in results and "Salad: 2" in results, results
    # A vote after the end is ignored as if it never happened: no count changes and nobody is answered.
    dave.respond(w.room, poll_id, [pizza])
    shown = len([text for text in w.texts(w.alice) if "Salad: 2" in text])
    w.alice.say(w.room, "!cop poll results P1")
    answered = wait_for(lambda: len([text for text in w.texts(w.alice) if "Salad: 2" in text]) > shown, timeout=20)
    assert answered, w.texts(w.alice)
    assert counts() == ([0, 2], 2), counts()
    private = [e["content"].get("body", "") for r, e in w.replies(dave) if r != w.room]
    assert not [body for body in private if "P1" in body or "vote" in body], private
    # Votes are the members' own events in the room; the bot never started a 1:1 room about them.
    assert not [e for _, e in w.replies(bob) if "send" in e["content"].get("body", "") and "and a number" in
                e["content"].get("body", "")]


def test_an_anonymous_poll_leaves_no_vote_in_the_room(world):
    w = world(names=("alice", "bob", "carol")).start().bot_joined()
    bob, carol = w.members["bob"], w.members["carol"]
    bob.join(w.room)
    carol.join(w.room)
    w.alice.say(w.room, '!cop poll "Secret?" "Yes" "No" --anonymous')
    post = wait_for(lambda: [e for _, e in w.replies(w.alice, w.room) if "Secret?" in e["content"]["body"]])
    assert post, w.daemon.output[-20:]
    code = choice_code(post[0]["content"]["body"])
    for member, number in ((bob, 1), (carol, 1)):
        room = direct_room(w, member)
        member.say(room, f"{code} {number}")
        w.wait_replies(member, 1, room=room)
    w.alice.say(w.room, "!cop poll close P1")
    closed = wait_for(lambda: [text for text in w.texts(w.alice, w.room) if "Secret?" in text and "(closed)" in text])
    assert closed, w.texts(w.alice, w.room)
    history = w.alice.room_history(w.room)
    # From the poll on (the welcomes before it name the newcomers, as they should), nothing names a voter.
    since_poll = history[[event["event_id"] for event in history].index(post[0]["event_id"]):]
    assert len(since_poll) > 1
    for event in since_poll:
        if event.get("type") == "m.room.member":
            continue
        text = json.dumps(event.get("content", {}))
        assert event.get("sender") not in (bob.user_id, carol.user_id), event
        assert bob.user_id not in text and carol.user_id not in text, event


def test_a_survey_is_answered_one_question_at_a_time_in_the_1_1_room(world):
    w = world().start().bot_joined()
    bob = w.members["bob"]
    bob.join(w.room)
    assert wait_for(lambda: f"matrix:{bob.user_id}" in w.state()["members"])
    w.alice.say(w.room, "!cop survey start pulse")

    def private(text):
        return [(r, e) for r, e in w.replies(bob) if r != w.room and text in e["content"]["body"]]

    invitation = wait_for(lambda: private("Question 1 of 2"), timeout=20)
    assert invitation, [e["content"]["body"] for _, e in w.replies(bob)]
    room = invitation[0][0]
    assert "Quick pulse" in invitation[0][1]["content"]["body"]
    bob.say(room, "eleven")  # not on the scale: asked again, with why
    assert wait_for(lambda: private("is not one of"))
    bob.say(room, "4")
    assert wait_for(lambda: private("Question 2 of 2"))
    bob.say(room, "skip")
    thanks = wait_for(lambda: private("Thank you! Your answers"), timeout=15)
    assert thanks, [e["content"]["body"] for _, e in w.replies(bob)]
    # Nothing of the answers reached the community's room.
    assert not [e for e in w.alice.room_history(w.room) if e.get("sender") == bob.user_id
                and e.get("type") == "m.room.message"]


def test_a_bound_alias_works_and_other_invites_are_refused(world):
    w = world(by_alias=True).start().bot_joined()
    w.alice.say(w.room, "!cop events")
    w.wait_replies(w.alice, 1)
    stranger_room = w.alice.create_room(invite=[w.bot["user_id"]])
    left = wait_for(lambda: [e for r, e in w.alice.sync().events
                             if r == stranger_room and e.get("type") == "m.room.member"
                             and e.get("state_key") == w.bot["user_id"]
                             and e["content"].get("membership") == "leave"], timeout=20)
    assert left and "only joins the rooms" in left[0]["content"].get("reason", "")


def test_an_encrypted_room_is_told_plainly_that_the_bot_cannot_read_it(world):
    w = world().start().bot_joined()
    secret_room = w.alice.create_room(invite=[w.bot["user_id"]], public=False, direct=True, encrypted=True)
    notice = wait_for(lambda: [e for r, e in w.alice.sync().events
                               if r == secret_room and e.get("sender") == w.bot["user_id"]
                               and e.get("type") == "m.room.message"], timeout=20)
    assert notice and "cannot read end-to-end encrypted rooms" in notice[0]["content"]["body"]
    assert wait_for(lambda: [e for r, e in w.alice.sync().events
                             if r == secret_room and e.get("type") == "m.room.member"
                             and e.get("state_key") == w.bot["user_id"]
                             and e["content"].get("membership") == "leave"], timeout=20)


def test_kill_9_during_a_burst_loses_no_command_and_answers_none_twice(world):
    w = world().start().bot_joined()
    w.alice.say(w.room, "!cop help")
    w.wait_replies(w.alice, 1)
    count = 8
    for n in range(count):
        w.alice.say(w.room, f'!cop poll "Burst {n}?" "Yes" "No"')
    time.sleep(0.3)
    w.daemon.process.send_signal(signal.SIGKILL)
    w.daemon.process.wait()
    w.daemon.start()

    def posts():
        found = {}
        for _, event in w.replies(w.alice, w.room):
            match = re.search(r"Burst (\d+)\?", event["content"]["body"])
            if match:
                found.setdefault(int(match.group(1)), []).append(event["event_id"])
        return found

    assert wait_for(lambda: len(posts()) == count, timeout=30), (posts(), w.daemon.output[-30:])
    time.sleep(2)  # anything answered twice would have arrived by now
    assert all(len(ids) == 1 for ids in posts().values()), posts()
    assert f'"P{count + 1}"' not in json.dumps(w.state()["polls"]), "no poll command ran twice"


def test_synapse_rate_limit_is_hit_and_honoured(world, synapse):
    w = world(unlimited_bot=False).start().bot_joined()
    before = synapse.rate_limited_sends()
    count = 8
    for n in range(count):
        w.alice.say(w.room, f'!cop poll "Limited {n}?" "Yes" "No"')

    def posts():
        return {re.search(r"Limited (\d+)\?", e["content"]["body"]).group(1)
                for _, e in w.replies(w.alice, w.room) if re.search(r"Limited (\d+)\?", e["content"]["body"])}

    assert wait_for(lambda: len(posts()) == count, timeout=40), (posts(), w.daemon.output[-30:])
    assert synapse.rate_limited_sends() > before, "the bot's burst went past rc_message"
    assert len([1 for _, e in w.replies(w.alice, w.room) if "Limited" in e["content"]["body"]]) == count


def test_a_burst_beyond_the_timeline_limit_while_stopped_is_fetched_and_each_event_handled_once(world):
    w = world().start().bot_joined()
    w.alice.say(w.room, "!cop help")
    w.wait_replies(w.alice, 1)
    member = f"matrix:{w.alice.user_id}"
    messages_before = w.state()["members"][member]["activity"].get("messages", 0)
    w.daemon.stop()
    # The commands come first, so more than the sync timeline's 100 events follow them: only paging back through
    # the room's history finds them.
    polls, chatter = 10, 110
    for n in range(polls):
        w.alice.say(w.room, f'!cop poll "Gap {n}?" "Yes" "No"')
    for n in range(chatter):
        w.alice.say(w.room, f"chatter {n}")
    w.daemon.start()

    def posts():
        found = {}
        for _, event in w.replies(w.alice, w.room):
            match = re.search(r"Gap (\d+)\?", event["content"].get("body", ""))
            if match and event["type"] == "org.matrix.msc3381.poll.start":
                found.setdefault(int(match.group(1)), []).append(event["event_id"])
        return found

    assert wait_for(lambda: len(posts()) == polls, timeout=90), (posts(), w.daemon.output[-30:])
    assert wait_for(lambda: w.state()["members"][member]["activity"].get("messages", 0) >= messages_before + chatter,
                    timeout=30)
    time.sleep(2)  # anything handled twice would show by now
    assert all(len(ids) == 1 for ids in posts().values()), posts()
    assert w.state()["members"][member]["activity"].get("messages", 0) == messages_before + chatter
    assert f'"P{polls + 1}"' not in json.dumps(w.state()["polls"]), "no poll command ran twice"
    # In the order they were typed.
    numbers = [int(re.search(r"Gap (\d+)\?", e["content"]["body"]).group(1)) for _, e in w.replies(w.alice, w.room)
               if e["type"] == "org.matrix.msc3381.poll.start"]
    assert numbers == sorted(numbers), numbers


def test_members_are_named_by_their_matrix_display_names(world):
    w = world(names=("alice", "bob", "carol")).start().bot_joined()
    bob, carol = w.members["bob"], w.members["carol"]
    bob.set_display_name("Bob Builder")
    carol.set_display_name("Carol Danvers")
    carol.join(w.room)
    welcome = wait_for(lambda: [e for _, e in w.replies(w.alice, w.room) if "Welcome" in e["content"].get("body", "")],
                       timeout=20)
    assert welcome, w.texts(w.alice)
    content = welcome[-1]["content"]
    assert "Carol Danvers" in content["body"], content["body"]
    assert f'<a href="https://matrix.to/#/{carol.user_id}">Carol Danvers</a>' in content["formatted_body"]
    bob.join(w.room)
    assert wait_for(lambda: w.state()["members"].get(f"matrix:{bob.user_id}", {}).get("displayName") == "Bob Builder")

    def kudos_for(user):
        return [e for _, e in w.replies(w.alice, w.room) if "Kudos" in e["content"].get("body", "")
                and user in e["content"].get("m.mentions", {}).get("user_ids", [])]

    # Named by the localpart typed as @name, the announcement's pill shows the display name.
    bob_localpart = bob.user_id.split(":")[0][1:]
    w.alice.say(w.room, f"!cop kudos @{bob_localpart} for the notes")
    announced = wait_for(lambda: kudos_for(bob.user_id), timeout=20)
    assert announced, w.texts(w.alice)
    assert "Bob Builder" in announced[-1]["content"]["body"]
    assert f'<a href="https://matrix.to/#/{bob.user_id}">Bob Builder</a>' in announced[-1]["content"]["formatted_body"]
    # Named by a pill, as Element writes a mention: the display name in the body, the link in the HTML.
    w.alice.say(w.room, "!cop kudos Carol Danvers for the slides",
                html=f'!cop kudos <a href="https://matrix.to/#/{carol.user_id}">Carol Danvers</a> for the slides')
    announced = wait_for(lambda: kudos_for(carol.user_id), timeout=20)
    assert announced, w.texts(w.alice)
    assert "Carol Danvers" in announced[-1]["content"]["body"]


def test_two_daemons_on_one_database_answer_each_command_once(world, tmp_path):
    from test_postgres import SERVER, cli, psql

    if not SERVER:
        pytest.skip("CONVENER_TEST_DATABASE_URL is not set (scripts/test sets it)")
    name = "matrix_" + uuid.uuid4().hex[:12]
    psql(SERVER, f"CREATE DATABASE {name}")
    url = SERVER.rsplit("/", 1)[0] + "/" + name + "?sslmode=disable"
    try:
        w = world()
        env = {"CONVENER_DATABASE_URL": url, "MATRIX_HOMESERVER_URL": w.synapse.url,
               "MATRIX_ACCESS_TOKEN": w.bot["access_token"], "MATRIX_USER_ID": w.bot["user_id"]}
        daemons = [w.make_daemon(extra_args=["--config", str(w.config)], env=env, state=tmp_path / f"unused-{n}")
                   .start() for n in range(2)]
        w.daemon = daemons[0]
        w.bot_joined()
        w.alice.say(w.room, "!cop help")
        w.wait_replies(w.alice, 1)
        count = 8
        for n in range(count):
            w.alice.say(w.room, f'!cop poll "Shared {n}?" "Yes" "No"')

        def posts():
            found = {}
            for _, event in w.replies(w.alice, w.room):
                match = re.search(r"Shared (\d+)\?", event["content"].get("body", ""))
                if match:
                    found.setdefault(int(match.group(1)), []).append(event["event_id"])
            return found

        assert wait_for(lambda: len(posts()) == count, timeout=30), (
            posts(), [line for daemon in daemons for line in daemon.output[-15:]])
        time.sleep(3)  # a second daemon syncing too would have answered by now
        assert all(len(ids) == 1 for ids in posts().values()), posts()
        exported = cli(url, "state", "export", "--config", str(w.config), "--community", "cop", cwd=w.tmp_path)
        polls = json.dumps(json.loads(exported.stdout)["state"]["polls"])
        assert f'"P{count}"' in polls and f'"P{count + 1}"' not in polls, "a poll command ran twice"
        # One daemon holds the sync lease; the position lives in the database, not in either daemon's folder.
        assert psql(url, "SELECT count(*) FROM convener_leases WHERE name = 'matrix.sync' AND expires_at > now()") == "1"
        assert psql(url, "SELECT count(*) FROM convener_platform_state WHERE name = 'matrix'") == "1"
        assert not any((tmp_path / f"unused-{n}" / "platforms" / "matrix.json").exists() for n in range(2))
        for daemon in daemons:
            assert daemon.stop() == 0
    finally:
        psql(SERVER, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

