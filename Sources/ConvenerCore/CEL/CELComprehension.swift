/// The run-time loop behind the `all`, `exists`, `exists_one`, `map` and `filter` macros.
struct CELComprehension: Sendable {
    /// The macro name.
    let kind: String
    /// The frame slot of the iteration variable.
    let slot: Int
    /// Evaluates the list or map iterated over.
    let range: CELEvaluator
    /// The predicate and/or transform.
    let bodies: [CELEvaluator]
    /// Where the macro call is, for errors.
    let position: CELSourcePosition

    /// Runs the macro in `frame`.
    func run(_ frame: CELFrame) throws(CELError) -> CELValue {
        let items: [CELValue]
        switch try range(frame) {
        case .list(let values): items = values
        case .map(let map): items = map.keys
        case let other:
            throw CELError(.evaluation, "no such overload: \(kind)() over \(other.celTypeName)", at: position)
        }
        switch kind {
        case "all", "exists": return try quantify(items, frame, decisive: kind == "exists")
        case "exists_one":
            var count = 0
            for item in items where try test(item, frame) { count += 1 }
            return .bool(count == 1)
        case "filter":
            var kept: [CELValue] = []
            for item in items where try test(item, frame) { kept.append(item) }
            return .list(kept)
        default:
            var mapped: [CELValue] = []
            mapped.reserveCapacity(items.count)
            for item in items {
                if bodies.count == 2, !(try test(item, frame)) { continue }
                frame.locals[slot] = item
                mapped.append(try bodies[bodies.count - 1](frame))
            }
            return .list(mapped)
        }
    }

    private func test(_ item: CELValue, _ frame: CELFrame) throws(CELError) -> Bool {
        frame.locals[slot] = item
        let value = try bodies[0](frame)
        guard case .bool(let flag) = value else {
            throw CELError(
                .evaluation, "no such overload: the condition of \(kind)() returned \(value.celTypeName)",
                at: position)
        }
        return flag
    }

    /// `all` and `exists`: a decisive result anywhere wins over errors elsewhere, as with `&&` and `||`.
    private func quantify(_ items: [CELValue], _ frame: CELFrame, decisive: Bool) throws(CELError) -> CELValue {
        var pending: CELError?
        for item in items {
            do throws(CELError) {
                if try test(item, frame) == decisive { return .bool(decisive) }
            } catch {
                if pending == nil { pending = error }
            }
        }
        if let pending { throw pending }
        return .bool(!decisive)
    }
}
