/// A poll's aggregates as CSV for `convener poll export`: one row per option, never anything about voters.
public enum PollExport {
    /// The header row.
    public static let header = "poll,question,option,votes"

    /// The CSV of `poll`: the header, then `P3,Lunch?,Pizza,5` for each option, each line ending in CRLF
    /// (RFC 4180). Fields with commas, quotes or line breaks are quoted; text that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`) gets a leading apostrophe.
    public static func csv(_ poll: Poll) -> String {
        var lines = [header]
        for (option, count) in zip(poll.options, poll.counts) {
            lines.append([poll.id, field(poll.question), field(option), String(count)].joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// The CSV of the poll `id` (`P3`, `p3` or `3`) in `book`, or why there is none: an unknown id, or a poll
    /// whose results stay hidden until it closes.
    public static func export(_ id: String, from book: PollBook) -> Result<String, PollExportProblem> {
        var text = Substring(id.uppercased())
        if text.hasPrefix("P") { text = text.dropFirst() }
        guard let number = Int(text), let poll = book["P\(number)"] else {
            let newest = book.polls.values.max { $0.number < $1.number }
            return .failure(
                PollExportProblem(
                    description: "There is no poll \(id) in this state; "
                        + (newest.map { "it has \(book.polls.count) polls, the newest \($0.id)." }
                            ?? "it has no polls yet.")))
        }
        if poll.isOpen && poll.hidesResultsUntilClosed {
            return .failure(
                PollExportProblem(
                    description: "\(poll.id) hides its results until it closes; export it after it has closed."))
        }
        return .success(csv(poll))
    }

    private static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why a poll cannot be exported, in one sentence.
public struct PollExportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong and what to do.
    public let description: String
}
