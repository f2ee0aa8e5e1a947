import Foundation

/// Where the Mustache templates of mails, pages, the trends page and the report are: `Templates` in the resource
/// folder the build puts next to the executable (install it next to the binary).
///
/// The folder is looked up by hand rather than through `Bundle.module`, which stops the process when the bundle is
/// missing: a missing folder is an error the daemon reports.
enum TemplateFolder {
    /// The folder the build puts next to the executable.
    static let resourceFolder = "Convener_ConvenerServer.resources"

    /// Where the templates should be.
    static var expected: URL? {
        Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(resourceFolder).appendingPathComponent("Templates")
    }

    /// The folder, when it holds `file` (a template every install has).
    static func located(holding file: String) -> URL? {
        guard let folder = expected,
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path)
        else { return nil }
        return folder
    }

    /// What to tell the operator when the templates are missing.
    static var missingAdvice: String {
        "\(expected?.path ?? resourceFolder + "/Templates") does not hold them; install the folder "
            + "\(resourceFolder) from .build/release next to the convener binary"
    }
}
