/// The round-up's plain text read as a document for the HTML template: the title, then blocks, each with an
/// optional heading, paragraphs and bullet items, and `code` spans marked.
struct RoundUpDocument {
    /// The first line.
    let title: String
    /// The blocks after it, as the template reads them.
    let blocks: [[String: Any]]

    /// The document of `text` (blocks are separated by blank lines; items start with "• ").
    init(text: String) {
        var chunks = text.components(separatedBy: "\n\n")
        let first = chunks.isEmpty ? "" : chunks.removeFirst()
        var firstLines = first.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        title = firstLines.isEmpty ? "" : firstLines.removeFirst()
        if !firstLines.isEmpty { chunks.insert(firstLines.joined(separator: "\n"), at: 0) }
        blocks = chunks.filter { !$0.isEmpty }.map(Self.block)
    }

    private static func block(_ chunk: String) -> [String: Any] {
        var lines = chunk.split(separator: "\n").map(String.init)
        var block: [String: Any] = [:]
        let isItem = { (line: String) in line.hasPrefix("• ") }
        if lines.count > 1, !isItem(lines[0]), lines.dropFirst().allSatisfy(isItem) {
            block["heading"] = lines.removeFirst()
        }
        let items = lines.filter(isItem).map { ["segments": segments(String($0.dropFirst(2)))] }
        let paragraphs = lines.filter { !isItem($0) }.map { ["segments": segments($0)] }
        block["items"] = items
        block["hasItems"] = !items.isEmpty
        block["paragraphs"] = paragraphs
        return block
    }

    /// The text split at backticks: every second piece is code.
    private static func segments(_ line: String) -> [[String: Any]] {
        line.components(separatedBy: "`").enumerated().compactMap { index, piece in
            piece.isEmpty ? nil : ["text": piece, "code": !index.isMultiple(of: 2)]
        }
    }
}
