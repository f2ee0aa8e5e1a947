import ConvenerConfig
import Testing

/// One broken config and the exact diagnostics it must produce.
struct BrokenConfig: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let expected: [String]

    var testDescription: String { name }

    init(_ name: String, _ yaml: String, _ expected: String...) {
        self.name = name
        self.yaml = yaml
        self.expected = expected
    }
}

private let topKeys =
    "listen, state_dir, prompts_dir, log_level, admin_token, playground, communities, platforms, rules, "
    + "extra_prompts_dirs, calendar_key, email, polls, feedback, surveys, pairing, engagement, public_url, store, "
    + "prompts"
private let communityKeys =
    "id, name, purpose, guidelines, timezone, convenors, channel, holidays, inactive_after_days, quiet_hours, events, "
    + "rules, email, slack_channel, mattermost_channel, discord_channel, teams_channel, matrix_room, slack_channels, "
    + "mattermost_channels, discord_channels, teams_channels, matrix_rooms, slack_team, mattermost_team, "
    + "discord_guild, teams_team, matrix_server"
private let levels = "trace, debug, info, notice, warning, error, critical"
private let listenUsage = "expected HOST:PORT, e.g. 127.0.0.1:8080, [::1]:8080 or localhost:8080"
private let inlineSecret = "secrets are never written in the config; use {env: NAME} or {file: PATH}"

/// The table: every kind of problem, with line, column, key path and message spelled out.
let brokenConfigs: [BrokenConfig] = [
    BrokenConfig(
        "a holiday that is not a date",
        """
        communities:
          - name: Book Club
            holidays: ["2026-12-24", "2026-12-32", "2026-12-26..2026-12-25"]
        """,
        "convener.yaml:3:30: communities[0].holidays[1]: '2026-12-32' is not a holiday; "
            + "use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (first day not after last day)",
        "convener.yaml:3:44: communities[0].holidays[2]: '2026-12-26..2026-12-25' is not a holiday; "
            + "use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (first day not after last day)"
    ),
    BrokenConfig(
        "inactive_after_days out of range",
        """
        communities:
          - name: Book Club
            inactive_after_days: 0
        """,
        "convener.yaml:3:26: communities[0].inactive_after_days: '0' is not a number of days; "
            + "use a whole number from 1 to 3650"
    ),
    BrokenConfig(
        "quiet hours that are not a window",
        """
        communities:
          - name: Book Club
            quiet_hours: "21:00 till 8"
        """,
        "convener.yaml:3:18: communities[0].quiet_hours: '21:00 till 8' is not a time window; "
            + "write HH:MM-HH:MM, e.g. 21:00-08:00"
    ),
    BrokenConfig(
        "a Slack channel name where the id belongs",
        """
        communities:
          - name: Book Club
            slack_channel: "#general"
        """,
        "convener.yaml:3:20: communities[0].slack_channel: '#general' is not a Slack channel id; "
            + "copy it from the channel's details (e.g. C024BE91L)"
    ),
    BrokenConfig(
        "two communities binding the same Slack channel",
        """
        communities:
          - name: Data Science
            slack_channel: C024BE91L
          - name: UX Research
            slack_channels: [C024BE92M, C024BE91L]
        """,
        "convener.yaml:5:33: communities[1].slack_channels[1]: slack channel C024BE91L is already bound to "
            + "community 'data-science'; a channel belongs to one community"
    ),
    BrokenConfig(
        "a further Discord channel that is not an id",
        """
        communities:
          - name: Book Club
            discord_channels: ["general"]
        """,
        "convener.yaml:3:24: communities[0].discord_channels[0]: 'general' is not a Discord channel id; turn on "
            + "Developer Mode and use Copy Channel ID (e.g. 1045021983744204850)"
    ),
    BrokenConfig(
        "a Slack team id that is a channel id",
        """
        communities:
          - name: Book Club
            slack_team: C024BE91L
        """,
        "convener.yaml:3:17: communities[0].slack_team: 'C024BE91L' is not a Slack team id; it starts with T "
            + "(e.g. T024BE7LD)"
    ),
    BrokenConfig(
        "time zone typo, the issue's example",
        """
        listen: "127.0.0.1:8080"
        log_level: info
        communities:
          - id: my-community
            name: "My Community"
            purpose: "Practice together"
            timezone: "Europe/Berln"
        """,
        "convener.yaml:7:15: communities[0].timezone: 'Europe/Berln' is not a time zone; did you mean Europe/Berlin?"
    ),
    BrokenConfig(
        "time zone by city only",
        "communities:\n  - name: A\n    timezone: berlin\n",
        "convener.yaml:3:15: communities[0].timezone: 'berlin' is not a time zone; did you mean Europe/Berlin?"
    ),
    BrokenConfig(
        "time zone with no near miss",
        "communities:\n  - name: A\n    timezone: Middle-earth/Shire\n",
        "convener.yaml:3:15: communities[0].timezone: 'Middle-earth/Shire' is not a time zone; "
            + "use an IANA name such as UTC or Europe/Berlin"
    ),
    BrokenConfig(
        "unknown top-level key with a suggestion",
        "lisen: 127.0.0.1:8080\n",
        "convener.yaml:1:1: lisen: unknown key; did you mean listen? allowed keys: \(topKeys)"
    ),
    BrokenConfig(
        "unknown top-level key without a suggestion",
        "log_level: info\ncolour: red\n",
        "convener.yaml:2:1: colour: unknown key; allowed keys: \(topKeys)"
    ),
    BrokenConfig(
        "unknown community key",
        "communities:\n  - name: A\n    tiemzone: UTC\n",
        "convener.yaml:3:5: communities[0].tiemzone: unknown key; did you mean timezone? allowed keys: \(communityKeys)"
    ),
    BrokenConfig(
        "section of the wrong type",
        "playground: \"yes\"\n",
        "convener.yaml:1:13: playground: expected a mapping, got a string"
    ),
    BrokenConfig(
        "communities as a mapping",
        "communities:\n  name: A\n",
        "convener.yaml:2:3: communities: expected a list, got a mapping"
    ),
    BrokenConfig(
        "name as a mapping",
        "communities:\n  - name: {first: A}\n",
        "convener.yaml:2:11: communities[0].name: expected a string, got a mapping"
    ),
    BrokenConfig(
        "name left empty",
        "communities:\n  - name:\n    timezone: UTC\n",
        "convener.yaml:2:10: communities[0].name: expected a string, got an empty value"
    ),
    BrokenConfig(
        "name missing",
        "communities:\n  - id: a\n    timezone: UTC\n",
        "convener.yaml:2:5: communities[0].name: missing required key; add the community's name, 1-80 characters"
    ),
    BrokenConfig(
        "name too long",
        "communities:\n  - name: \(String(repeating: "x", count: 81))\n",
        "convener.yaml:2:11: communities[0].name: must be 1-80 characters, got 81"
    ),
    BrokenConfig(
        "invalid id",
        "communities:\n  - id: My Community\n    name: A\n",
        "convener.yaml:2:9: communities[0].id: 'My Community' is not a valid id; use 1-40 of a-z, 0-9 and -"
    ),
    BrokenConfig(
        "duplicate explicit ids",
        "communities:\n  - id: club\n    name: A\n  - id: club\n    name: B\n",
        "convener.yaml:4:9: communities[1].id: duplicate community id 'club'; communities[0] already uses it"
    ),
    BrokenConfig(
        "duplicate ids derived from names",
        "communities:\n  - name: Book Club\n  - name: book club!\n",
        "convener.yaml:3:11: communities[1].name: gives the id 'book-club', which communities[0] already uses; "
            + "add a distinct id"
    ),
    BrokenConfig(
        "no id can be derived",
        "communities:\n  - name: \"!!!\"\n",
        "convener.yaml:2:11: communities[0].name: cannot derive an id from '!!!'; add an id (a-z, 0-9, -)"
    ),
    BrokenConfig(
        "empty community list",
        "communities: []\n",
        "convener.yaml:1:14: communities: at least one community is required"
    ),
    BrokenConfig(
        "community that is a string",
        "communities:\n  - Book Club\n",
        "convener.yaml:2:5: communities[0]: expected a mapping, got a string"
    ),
    BrokenConfig(
        "convenors as a string",
        "communities:\n  - name: A\n    convenors: alice\n",
        "convener.yaml:3:16: communities[0].convenors: expected a list, got a string"
    ),
    BrokenConfig(
        "empty convenor list",
        "communities:\n  - name: A\n    convenors: []\n",
        "convener.yaml:3:16: communities[0].convenors: name at least one convenor "
            + "(a playground name or platform:user id)"
    ),
    BrokenConfig(
        "bad convenor handles, all reported",
        "communities:\n  - name: A\n    convenors: [\"@alice\", bob, bob, \"zulip:x\", {a: b}]\n",
        "convener.yaml:3:17: communities[0].convenors[0]: '@alice' starts with '@'; use a playground name like "
            + "'alice' or a platform id like 'slack:U024BE7LH'",
        "convener.yaml:3:32: communities[0].convenors[2]: 'bob' is listed twice",
        "convener.yaml:3:37: communities[0].convenors[3]: 'zulip:x' is not a member handle; "
            + "the prefix must be one of slack, mattermost, discord, teams, matrix, playground",
        "convener.yaml:3:48: communities[0].convenors[4]: expected a string, got a mapping"
    ),
    BrokenConfig(
        "channel with a hash",
        "communities:\n  - name: A\n    channel: \"#general\"\n",
        "convener.yaml:3:14: communities[0].channel: '#general' is not a channel name; write it without '#' and spaces"
    ),
    BrokenConfig(
        "unknown log level",
        "log_level: verbose\n",
        "convener.yaml:1:12: log_level: 'verbose' is not a log level; allowed: \(levels)"
    ),
    BrokenConfig(
        "log level near miss",
        "log_level: warn\n",
        "convener.yaml:1:12: log_level: 'warn' is not a log level; did you mean warning? allowed: \(levels)"
    ),
    BrokenConfig(
        "listen without a port",
        "listen: localhost\n",
        "convener.yaml:1:9: listen: 'localhost' is not a listen address; \(listenUsage)"
    ),
    BrokenConfig(
        "listen port out of range",
        "listen: \"127.0.0.1:70000\"\n",
        "convener.yaml:1:9: listen: port 70000 is out of range; allowed: 0-65535 (0 picks a free port)"
    ),
    BrokenConfig(
        "listen on a bad IPv4 address",
        "listen: 256.1.1.1:80\n",
        "convener.yaml:1:9: listen: '256.1.1.1' is not an IPv4 address; \(listenUsage)"
    ),
    BrokenConfig(
        "listen on IPv6 without brackets",
        "listen: \"::1:8080\"\n",
        "convener.yaml:1:9: listen: '::1:8080' is not a listen address; write IPv6 hosts in brackets: [::1]:PORT"
    ),
    BrokenConfig(
        "listen on a bad IPv6 address",
        "listen: \"[::g]:80\"\n",
        "convener.yaml:1:9: listen: '::g' is not an IPv6 address; \(listenUsage)"
    ),
    BrokenConfig(
        "listen on a non-numeric port",
        "listen: \"localhost:http\"\n",
        "convener.yaml:1:9: listen: 'http' is not a port; \(listenUsage)"
    ),
    BrokenConfig(
        "inline admin token",
        "admin_token: hunter2\n",
        "convener.yaml:1:14: admin_token: \(inlineSecret)"
    ),
    BrokenConfig(
        "secret with both env and file",
        "admin_token: {env: TOKEN, file: token.txt}\n",
        "convener.yaml:1:14: admin_token: give either env or file, not both"
    ),
    BrokenConfig(
        "secret with neither env nor file",
        "admin_token: {}\n",
        "convener.yaml:1:14: admin_token: expected {env: NAME} or {file: PATH}"
    ),
    BrokenConfig(
        "secret with a misspelled form",
        "admin_token: {enf: TOKEN}\n",
        "convener.yaml:1:14: admin_token: expected {env: NAME} or {file: PATH}",
        "convener.yaml:1:15: admin_token.enf: unknown key; did you mean env? allowed keys: env, file"
    ),
    BrokenConfig(
        "secret naming an invalid variable",
        "admin_token: {env: 1TOKEN}\n",
        "convener.yaml:1:20: admin_token.env: '1TOKEN' is not an environment variable name; "
            + "use letters, digits and _, not starting with a digit"
    ),
    BrokenConfig(
        "secret as a list",
        "platforms:\n  discord:\n    public_key: [a, b]\n",
        "convener.yaml:3:17: platforms.discord.public_key: expected {env: NAME} or {file: PATH}, got a list"
    ),
    BrokenConfig(
        "inline Slack signing secret",
        "platforms:\n  slack:\n    signing_secret: \"8f742231b10e8888abcd99yyyzzz85a5\"\n",
        "convener.yaml:3:21: platforms.slack.signing_secret: \(inlineSecret)"
    ),
    BrokenConfig(
        "secret file path empty",
        "platforms:\n  mattermost:\n    command_token: {file: \"\"}\n",
        "convener.yaml:3:27: platforms.mattermost.command_token.file: expected a path, got an empty string"
    ),
    BrokenConfig(
        "URL with the wrong scheme",
        "platforms:\n  slack:\n    api_base_url: ftp://files.example.org\n",
        "convener.yaml:3:19: platforms.slack.api_base_url: 'ftp://files.example.org' is not a valid URL; "
            + "use an http:// or https:// URL with a host"
    ),
    BrokenConfig(
        "URL without a scheme",
        "platforms:\n  mattermost:\n    url: chat.example.org\n",
        "convener.yaml:3:10: platforms.mattermost.url: 'chat.example.org' is not a valid URL; "
            + "use an http:// or https:// URL with a host"
    ),
    BrokenConfig(
        "Discord application id with letters",
        "platforms:\n  discord:\n    application_id: my-app\n",
        "convener.yaml:3:21: platforms.discord.application_id: 'my-app' is not a Discord application id; "
            + "expected digits, e.g. '1234567890'"
    ),
    BrokenConfig(
        "unknown platform",
        "platforms:\n  zulip: {}\n",
        "convener.yaml:2:3: platforms.zulip: unknown key; allowed keys: slack, mattermost, discord, teams, matrix"
    ),
    BrokenConfig(
        "unknown playground mode",
        "playground:\n  enabled: maybe\n",
        "convener.yaml:2:12: playground.enabled: 'maybe' is not a playground mode; allowed: auto, true, false"
    ),
    BrokenConfig(
        "state_dir empty and prompts_dir a list",
        "state_dir: \"\"\nprompts_dir: [a]\n",
        "convener.yaml:1:12: state_dir: expected a path, got an empty string",
        "convener.yaml:2:14: prompts_dir: expected a string, got a list"
    ),
    BrokenConfig(
        "document is a list",
        "- listen: 127.0.0.1:8080\n",
        "convener.yaml:1:1: expected a mapping, got a list"
    ),
    BrokenConfig(
        "unterminated quote",
        "listen: \"127.0.0.1:8080\nlog_level: info\n",
        "convener.yaml:3:1: invalid YAML: found unexpected end of stream "
            + "(while scanning a quoted scalar at line 1, column 9)"
    ),
    BrokenConfig(
        "tab indentation",
        "playground:\n\tenabled: auto\n",
        "convener.yaml:2:1: invalid YAML: found character that cannot start any token "
            + "(while scanning for the next token at line 2, column 1); indent with spaces, YAML does not allow tabs"
    ),
    BrokenConfig(
        "duplicate key",
        "log_level: info\nlisten: 127.0.0.1:80\nlog_level: debug\n",
        "convener.yaml:1:1: duplicate key 'log_level'; each key may appear only once in a mapping"
    ),
    BrokenConfig(
        "control character",
        "log_level: info\nlisten: \u{07}\n",
        "convener.yaml:2:9: cannot read the file: control characters are not allowed"
    ),
    BrokenConfig(
        "alias bomb",
        """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        """,
        "convener.yaml:1:1: the document has more than 100000 values after expanding aliases"
    ),
    BrokenConfig(
        "many problems at once, in file order",
        """
        lsten: 127.0.0.1:8080
        log_level: loud
        admin_token: s3cret
        communities:
          - name: Book Club
            timezone: Europe/Pariss
          - name: Book Club
            convenors: []
        platforms:
          slack:
            api_base_url: "not a url"
        """,
        "convener.yaml:1:1: lsten: unknown key; did you mean listen? allowed keys: \(topKeys)",
        "convener.yaml:2:12: log_level: 'loud' is not a log level; allowed: \(levels)",
        "convener.yaml:3:14: admin_token: \(inlineSecret)",
        "convener.yaml:6:15: communities[0].timezone: 'Europe/Pariss' is not a time zone; did you mean Europe/Paris?",
        "convener.yaml:8:16: communities[1].convenors: name at least one convenor "
            + "(a playground name or platform:user id)",
        "convener.yaml:11:19: platforms.slack.api_base_url: 'not a url' is not a valid URL; "
            + "use an http:// or https:// URL with a host"
    ),
]

@Test("each broken config gives exactly its diagnostics", arguments: brokenConfigs)
func brokenConfigDiagnostics(_ broken: BrokenConfig) {
    let result = ConfigLoader.parse(yaml: broken.yaml, file: "convener.yaml")
    guard case .failure(let errors) = result else {
        Issue.record("expected diagnostics, the config loaded")
        return
    }
    #expect(errors.diagnostics.map(\.description) == broken.expected)
}

@Test func theTableIsLargeEnough() {
    #expect(brokenConfigs.count >= 30)
    #expect(brokenConfigs.filter { $0.expected.count > 1 }.count >= 3)
}

@Test func diagnosticsCarryTheirParts() throws {
    let result = ConfigLoader.parse(yaml: "communities:\n  - name: A\n    timezone: Mars/Base\n", file: "c.yaml")
    let diagnostic = try #require(result.failureValue?.diagnostics.first)
    #expect(diagnostic.file == "c.yaml")
    #expect(diagnostic.line == 3)
    #expect(diagnostic.column == 15)
    #expect(diagnostic.path == "communities[0].timezone")
    #expect(diagnostic.message.hasPrefix("'Mars/Base' is not a time zone"))
}

extension Result {
    /// The error, when this is a failure.
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    /// The value, when this is a success.
    var successValue: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
