/// Reading an event from JSON, for `convener rules explain RULE_ID --event FILE.json`.
extension RuleEvent {
    /// Parses `{"type": …, "member": "platform:user", "payload": {…}, "cause": […]}`; the member must be in
    /// `context` (only `type` is required).
    public static func parsing(json text: String, context: RuleContext) -> Result<RuleEvent, RuleError> {
        let value: CELValue
        do throws(CELError) {
            value = try CELJSON.value(fromJSON: text)
        } catch {
            return .failure(.invalidEvent(error.message))
        }
        guard case .map(let object) = value else { return .failure(.invalidEvent("the JSON is not an object")) }
        for case .string(let key) in object.keys where !["type", "member", "payload", "cause"].contains(key) {
            return .failure(.invalidEvent("unknown key '\(key)'"))
        }
        guard case .string(let type)? = object["type"], !type.isEmpty else {
            return .failure(.invalidEvent("'type' must be an event type string"))
        }
        var event = RuleEvent(type: type)
        switch object["member"] {
        case nil, .null?: break
        case .string(let id)?:
            guard let member = context.member(MemberID(rawValue: id)) else {
                return .failure(.invalidEvent("no member '\(id)' in community '\(context.community.id)'"))
            }
            event.member = member
        default: return .failure(.invalidEvent("'member' must be a member id such as playground:ada"))
        }
        switch object["payload"] {
        case nil, .null?: break
        case .map(let payload)?:
            for (key, item) in payload.entries { if case .string(let name) = key { event.payload[name] = item } }
        default: return .failure(.invalidEvent("'payload' must be an object"))
        }
        switch object["cause"] {
        case nil, .null?: break
        case .list(let items)?:
            for item in items {
                guard case .string(let id) = item else { return .failure(.invalidEvent("'cause' must list rule ids")) }
                event.cause.append(id)
            }
        default: return .failure(.invalidEvent("'cause' must be a list of rule ids"))
        }
        return .success(event)
    }
}
