import ConvenerCore

/// The rules a community runs when the config has no `rules` key: the same text as `Deploy/rules/default.yaml`
/// (a test keeps the two identical), built in so that the embedded defaults welcome newcomers out of the box.
public enum DefaultRules {
    /// Where diagnostics say these rules come from.
    public static let file = "built-in default rules (Deploy/rules/default.yaml)"

    /// The rules, as YAML.
    public static let yaml: String = #"""
        # Convener's default rules. Copy this file next to your convener.yaml, name it under `rules:`, and change
        # anything: every rule can be switched off with `enabled: false`. Schedules without a timezone follow the
        # community's time zone. Reference: README, section "Rules".
        rules:
          - id: welcome-newcomer
            description: >-
              Welcome each new member in the channel, send them the community's purpose and guidelines by DM with
              an offer of a mentor, and tell the convenors.
            trigger: member.joined
            conditions:
              - "!member.isConvenor"
            actions:
              - post: "Welcome to {{ community.name }}, {{ member.mention }}! 👋 Tell us what brings you here."
              - dm: |
                  Hi {{ member.name }}, glad you joined {{ community.name }}.
                  {{ community.purpose }}
                  {{ community.guidelines == "" ? "" : "How we work together: " + community.guidelines }}
                  Would you like a mentor? /cop pair join --role mentee pairs you with an experienced member.
                  Try /cop help to see what you can do here, and /cop pair join to meet someone for coffee.
              - notify.convenors: "{{ member.mention }} just joined {{ community.name }}."
            rateLimit:
              perMember: 1/week
              global: 30/hour

          - id: weekly-prompt
            description: Post a discussion prompt every Tuesday morning.
            trigger:
              schedule: {cron: "0 10 * * TUE"}
            actions:
              - prompt.post: {theme: reflection}

          - id: poll-results
            description: Post a poll's results in the channel when it closes (if anyone voted).
            trigger: poll.closed
            conditions:
              - "int(event.payload.votes) > 0"
            actions:
              - post: "📊 Poll {{ event.payload.pollId }} “{{ event.payload.question }}” closed: {{ event.payload.results }}"

          - id: nudge-quiet-members
            description: >-
              One kind nudge by DM when a member has been quiet for the community's inactive_after_days (30 by
              default); never more than once a month per member, never while they are away. For a personal touch
              instead, use `nudge: {style: buddy}`: it asks a convenor to reach out.
            trigger: member.inactive
            conditions:
              - "!member.away && !member.isConvenor && !('nudged' in member.tags)"
            actions:
              - nudge: {style: gentle}
              - member.tag: nudged
            rateLimit:
              perMember: 1/30d
              global: 20/day

          - id: welcome-back
            description: Clear the nudge mark when a quiet member is active again.
            trigger: member.returned
            conditions:
              - "'nudged' in member.tags"
            actions:
              - member.untag: nudged

          - id: weekly-roundup
            description: Post the weekly round-up on Friday afternoon.
            trigger:
              schedule: {cron: "0 16 * * FRI"}
            actions:
              - digest.post: {days: 7}

          - id: pairing-round
            description: Start a coffee pairing round every Monday morning.
            trigger:
              schedule: {cron: "0 9 * * MON"}
            actions:
              - pairing.round: {kind: coffee}
        """#

    /// The rules, compiled; empty if they ever failed to compile (a test makes sure they do not).
    public static var ruleSet: RuleSet {
        (try? RuleLoader.parse(yaml: yaml, file: file).get()) ?? .empty
    }
}
