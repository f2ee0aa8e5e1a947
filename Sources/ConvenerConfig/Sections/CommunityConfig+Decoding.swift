import ConvenerCore
import ConvenerPlatforms
import Foundation

/// The `communities` list.
extension CommunityConfig {
    /// The keys allowed in one community: its own, then every platform's binding keys.
    static let keys =
        [
            "id", "name", "purpose", "guidelines", "timezone", "convenors", "channel", "holidays",
            "inactive_after_days", "quiet_hours", "events", "rules", "email",
        ] + bindingKeys.map(\.keys.channel) + bindingKeys.map(\.keys.channels) + bindingKeys.map(\.keys.workspace)

    /// Per platform: the key of the main channel, of further channels, of the workspace, and how ids look, as
    /// each platform's settings declaration says.
    private static var bindingKeys: [(platform: String, keys: PlatformBindingDeclaration)] {
        PlatformSettingsRegistry.all.map { ($0.name, $0.bindings) }
    }

    /// Reads the list; ids must be unique across it.
    static func decodeList(_ field: ConfigField, _ context: inout ConfigContext) -> [CommunityConfig]? {
        guard let items = field.list(&context) else { return nil }
        if items.isEmpty {
            context.report(field, "at least one community is required")
            return nil
        }
        var communities: [CommunityConfig] = []
        var firstUse: [String: String] = [:]
        var boundTo: [String: String] = [:]
        for item in items {
            guard let (community, idField) = decode(item, &context) else { continue }
            // A channel routes to one community; two claiming it would leave the choice to the order of the list.
            for (key, fields) in Self.channelFields(of: item) {
                for field in fields {
                    guard let channel = field.node.scalar?.text else { continue }
                    let place = "\(key.platform):\(channel)"
                    if let owner = boundTo[place], owner != community.id {
                        let message =
                            "\(key.platform) channel \(channel) is already bound to community '\(owner)'; "
                            + "a channel belongs to one community"
                        context.report(field, message)
                    } else {
                        boundTo[place] = community.id
                    }
                }
            }
            if let earlier = firstUse[community.id] {
                if let idField {
                    context.report(idField, "duplicate community id '\(community.id)'; \(earlier) already uses it")
                } else {
                    let name = item.child("name", item.node)
                    let message = "gives the id '\(community.id)', which \(earlier) already uses; add a distinct id"
                    context.report(at: context.positions[name.path] ?? item.node.position, path: name.path, message)
                }
            } else {
                firstUse[community.id] = item.path
            }
            communities.append(community)
        }
        return communities.count == items.count ? communities : nil
    }

    /// Reads one community, returning it with its `id` field when one was written.
    private static func decode(
        _ field: ConfigField,
        _ context: inout ConfigContext
    ) -> (CommunityConfig, ConfigField?)? {
        guard let table = field.table(&context, keys: keys) else { return nil }
        let before = context.diagnostics.count
        let name = table.required("name", &context, hint: "add the community's name, 1-80 characters")?
            .text(&context, length: 1...80)
        var community = CommunityConfig(name: name ?? "")
        let idField = table.optional("id", &context)
        if let idField, let id = idField.string(&context) {
            if isValidID(id) {
                community.id = id
            } else {
                context.report(idField, "\(ConfigField.quoted(id)) is not a valid id; use 1-40 of a-z, 0-9 and -")
            }
        } else if idField == nil, let name, community.id.isEmpty {
            let nameField = table.optional("name", &context) ?? field
            context.report(nameField, "cannot derive an id from \(ConfigField.quoted(name)); add an id (a-z, 0-9, -)")
        }
        if let purpose = table.optional("purpose", &context) {
            community.purpose = purpose.text(&context, length: 1...4000)
        }
        if let guidelines = table.optional("guidelines", &context) {
            community.guidelines = guidelines.text(&context, length: 1...20000)
        }
        if let timeZone = table.optional("timezone", &context)?.timeZone(&context) {
            community.timeZone = timeZone
        }
        if let convenors = table.optional("convenors", &context)?.convenors(&context) {
            community.convenors = convenors
        }
        if let channel = table.optional("channel", &context)?.channelName(&context) {
            community.channel = channel
        }
        if let holidays = table.optional("holidays", &context)?.holidays(&context) {
            community.holidays = holidays
        }
        if let days = table.optional("inactive_after_days", &context)?.dayCount(&context) {
            community.inactiveAfterDays = days
        }
        if let quietHours = table.optional("quiet_hours", &context)?.quietHours(&context) {
            community.quietHours = quietHours
        }
        if let events = table.optional("events", &context)?.communityEvents(&context) {
            community.events = events
        }
        if let email = table.optional("email", &context) {
            community.email = communityEmail(email, &context)
        }
        community.bindings = bindings(table, &context)
        return context.diagnostics.count == before ? (community, idField) : nil
    }

    /// A community's `email` section: the mailing list that gets the round-up and the link back into the chat.
    private static func communityEmail(_ field: ConfigField, _ context: inout ConfigContext) -> CommunityEmailConfig? {
        guard let table = field.table(&context, keys: ["round_up_to", "chat_link"]) else { return nil }
        var email = CommunityEmailConfig()
        if let field = table.optional("round_up_to", &context), let text = field.string(&context) {
            if MailAddress.isPlausible(text) {
                email.roundUpTo = text
            } else {
                context.report(field, "\(ConfigField.quoted(text)) is not an e-mail address; write list@example.org")
            }
        }
        if let field = table.optional("chat_link", &context), let url = field.url(&context) {
            email.chatLink = url.absoluteString
        }
        return email
    }
}

extension CommunityConfig {
    /// The community's bindings: per platform, the workspace key and the main and further channels.
    /// The main channel comes first.
    private static func bindings(_ table: ConfigTable, _ context: inout ConfigContext) -> [CommunityBinding] {
        var bindings: [CommunityBinding] = []
        for (platform, key) in bindingKeys {
            var channels: [String] = []
            if let id = table.optional(key.channel, &context)?.platformID(key.channelID, &context) {
                channels.append(id)
            }
            if let list = table.optional(key.channels, &context)?.list(&context) {
                for field in list {
                    guard let id = field.platformID(key.channelID, &context) else { continue }
                    if channels.contains(id) {
                        context.report(field, "\(platform) channel \(id) is listed twice")
                    } else {
                        channels.append(id)
                    }
                }
            }
            let workspace = table.optional(key.workspace, &context)?.platformID(key.workspaceID, &context)
            if !channels.isEmpty || workspace != nil {
                bindings.append(CommunityBinding(platform: platform, workspace: workspace, channels: channels))
            }
        }
        return bindings
    }

    /// The channel fields of one community's entry, by platform, for the check that no two communities share one.
    private static func channelFields(
        of item: ConfigField
    ) -> [(key: (platform: String, channel: String), fields: [ConfigField])] {
        guard case .mapping(let entries) = item.node.value else { return [] }
        func value(_ key: String) -> ConfigNode? { entries.first { $0.key.scalar?.text == key }?.value }
        return bindingKeys.map { platform, key in
            var fields: [ConfigField] = []
            if let node = value(key.channel) { fields.append(item.child(key.channel, node)) }
            if let node = value(key.channels), case .sequence(let list) = node.value {
                let parent = item.child(key.channels, node)
                fields += list.enumerated().map { parent.element($0.offset, $0.element) }
            }
            return ((platform, key.channel), fields)
        }
    }
}

extension ConfigField {
    /// A platform id that `rule` accepts; otherwise reports "'text' is not …" with the rule's problem.
    fileprivate func platformID(_ rule: PlatformIDRule, _ context: inout ConfigContext) -> String? {
        guard let text = string(&context) else { return nil }
        guard rule.isValid(text) else {
            context.report(self, "\(Self.quoted(text)) is not \(rule.problem)")
            return nil
        }
        return text
    }

    /// An IANA time zone name, with a suggestion for near misses.
    fileprivate func timeZone(_ context: inout ConfigContext) -> String? {
        guard let name = string(&context) else { return nil }
        if TimeZone(identifier: name) != nil { return name }
        var message = "\(Self.quoted(name)) is not a time zone"
        if let suggestion = ConfigSuggestion.closest(to: name, in: ConfigTimeZones.names) {
            message += "; did you mean \(suggestion)?"
        } else {
            message += "; use an IANA name such as UTC or Europe/Berlin"
        }
        context.report(self, message)
        return nil
    }

    /// Member handles: playground names or `platform:user` ids, at least one, no duplicates.
    fileprivate func convenors(_ context: inout ConfigContext) -> [String]? {
        guard let items = list(&context) else { return nil }
        guard !items.isEmpty else {
            context.report(self, "name at least one convenor (a playground name or platform:user id)")
            return nil
        }
        var handles: [String] = []
        var valid = true
        for field in items {
            guard let handle = field.string(&context) else {
                valid = false
                continue
            }
            if let problem = Self.handleProblem(handle) {
                context.report(field, problem)
                valid = false
            } else if handles.contains(handle) {
                context.report(field, "'\(handle)' is listed twice")
                valid = false
            } else {
                handles.append(handle)
            }
        }
        return valid ? handles : nil
    }

    /// A channel name: 1-80 characters, no spaces, without a leading `#`.
    fileprivate func channelName(_ context: inout ConfigContext) -> String? {
        guard let name = text(&context, length: 1...80) else { return nil }
        if name.hasPrefix("#") || name.contains(where: \.isWhitespace) {
            context.report(self, "\(Self.quoted(name)) is not a channel name; write it without '#' and spaces")
            return nil
        }
        return name
    }

    /// A list of holidays, each `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`.
    fileprivate func holidays(_ context: inout ConfigContext) -> [CommunityHoliday]? {
        guard let items = list(&context) else { return nil }
        var holidays: [CommunityHoliday] = []
        for field in items {
            guard let text = field.string(&context) else { continue }
            if let holiday = CommunityHoliday(parsing: text) {
                holidays.append(holiday)
            } else {
                context.report(field, "\(Self.quoted(text)) is not a holiday; \(CommunityHoliday.formatHint)")
            }
        }
        return holidays.count == items.count ? holidays : nil
    }

    /// A daily window such as `21:00-08:00` (it may wrap midnight).
    fileprivate func quietHours(_ context: inout ConfigContext) -> QuietHours? {
        guard let text = string(&context) else { return nil }
        guard let quietHours = QuietHours(parsing: text) else {
            context.report(self, "\(Self.quoted(text)) is not a time window; write HH:MM-HH:MM, e.g. 21:00-08:00")
            return nil
        }
        return quietHours
    }

    /// A whole number of days from 1 to 3650.
    fileprivate func dayCount(_ context: inout ConfigContext) -> Int? {
        guard let text = string(&context) else { return nil }
        guard let days = Int(text), (1...3650).contains(days) else {
            context.report(self, "\(Self.quoted(text)) is not a number of days; use a whole number from 1 to 3650")
            return nil
        }
        return days
    }

    /// The prefixes of member handles: every declared platform, and the playground.
    private static let platforms = PlatformSettingsRegistry.all.map(\.name) + ["playground"]

    private static func handleProblem(_ handle: String) -> String? {
        let rule = "use a playground name like 'alice' or a platform id like 'slack:U024BE7LH'"
        if handle.hasPrefix("@") { return "\(quoted(handle)) starts with '@'; \(rule)" }
        if handle.isEmpty || handle.count > 100 || handle.contains(where: \.isWhitespace) {
            return "\(quoted(handle)) is not a member handle; \(rule)"
        }
        guard let colon = handle.firstIndex(of: ":") else { return nil }
        let platform = String(handle[..<colon])
        guard platforms.contains(platform), handle.index(after: colon) < handle.endIndex else {
            return
                "\(quoted(handle)) is not a member handle; "
                + "the prefix must be one of \(platforms.joined(separator: ", "))"
        }
        return nil
    }
}
