/// Pure path arithmetic for config-relative paths (no file system access).
enum ConfigPaths {
    /// The folder of `file` (`""` when `file` has no folder part, meaning the working directory).
    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// `path` if absolute, else `base/path`, with `.` segments and doubled slashes removed.
    static func join(_ base: String, _ path: String) -> String {
        let combined = path.hasPrefix("/") || base.isEmpty ? path : "\(base)/\(path)"
        let isAbsolute = combined.hasPrefix("/")
        let segments = combined.split(separator: "/").filter { $0 != "." }
        let joined = segments.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
