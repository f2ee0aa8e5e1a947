/// Maps a position inside a YAML scalar's value (an expression or template) to a position in the file.
///
/// Exact for scalars on one line (plain, single- or double-quoted) and for literal block scalars (`|`); for
/// other shapes (folded `>`, plain scalars spanning lines) it gives nil and the caller points at the value.
struct RuleSourceMap {
    private let lines: [[Unicode.Scalar]]

    /// A map over the file's text.
    init(source: String) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            Array(line.unicodeScalars.filter { $0 != "\r" })
        }
    }

    /// The file position of `line`:`column` (1-based) inside the value of `node`, if it can be placed exactly.
    func position(in node: ConfigNode, line: Int, column: Int) -> ConfigPosition? {
        guard let text = node.scalar?.text, line >= 1, column >= 1 else { return nil }
        let lineIndex = node.position.line - 1
        let start = node.position.column - 1
        guard lines.indices.contains(lineIndex), lines[lineIndex].indices.contains(start) else { return nil }
        let raw = lines[lineIndex]
        switch raw[start] {
        case "|":
            return literalBlockPosition(headerLine: lineIndex, line: line, column: column)
        case ">":
            return nil
        case "'", "\"":
            guard line == 1, !text.contains("\n") else { return nil }
            guard let rawColumn = quotedColumn(raw, from: start, valueColumn: column) else { return nil }
            return ConfigPosition(line: node.position.line, column: rawColumn)
        default:
            guard line == 1, !text.contains("\n") else { return nil }
            let valueLength = text.unicodeScalars.count
            // A plain scalar that continues on the next line was folded; its columns are not on this line.
            guard raw.count - start >= valueLength,
                Array(raw[start..<(start + valueLength)]) == Array(text.unicodeScalars)
            else { return nil }
            return ConfigPosition(line: node.position.line, column: node.position.column + column - 1)
        }
    }

    /// In a quoted scalar starting at `start`, the 1-based file column of value column `valueColumn`.
    private func quotedColumn(_ raw: [Unicode.Scalar], from start: Int, valueColumn: Int) -> Int? {
        let quote = raw[start]
        var index = start + 1
        var current = 1
        while index < raw.count {
            if current == valueColumn { return index + 1 }
            let scalar = raw[index]
            if scalar == quote {
                if quote == "'", index + 1 < raw.count, raw[index + 1] == "'" {
                    index += 2
                    current += 1
                    continue
                }
                return current == valueColumn ? index + 1 : nil
            }
            if quote == "\"", scalar == "\\", index + 1 < raw.count {
                switch raw[index + 1] {
                case "x": index += 4
                case "u": index += 6
                case "U": index += 10
                default: index += 2
                }
            } else {
                index += 1
            }
            current += 1
        }
        return nil
    }

    /// The file position of a value position inside a literal block scalar whose header is on `headerLine`.
    private func literalBlockPosition(headerLine: Int, line: Int, column: Int) -> ConfigPosition? {
        var index = headerLine + 1
        while index < lines.count, lines[index].allSatisfy({ $0 == " " }) { index += 1 }
        guard index < lines.count else { return nil }
        let indent = lines[index].prefix { $0 == " " }.count
        let target = index + line - 1
        guard target < lines.count else { return nil }
        return ConfigPosition(line: target + 1, column: indent + column)
    }
}
