import Foundation
import Mustache

/// The Mustache templates of the trends page and the funders' report, kept as resource files (see
/// `TemplateFolder`) and loaded once.
enum ReportTemplates {
    /// A template that could not be loaded or rendered; says which and what to do.
    struct Problem: Error, CustomStringConvertible {
        /// What went wrong.
        var description: String
    }

    private static let names = ["trends", "report", "chart"]

    private static let library: Result<MustacheLibrary, Problem> = {
        guard let folder = TemplateFolder.located(holding: "trends.mustache") else {
            return .failure(Problem(description: "the report templates are missing: " + TemplateFolder.missingAdvice))
        }
        var templates: [String: MustacheTemplate] = [:]
        for name in names {
            let file = folder.appendingPathComponent("\(name).mustache")
            do {
                templates[name] = try MustacheTemplate(string: String(contentsOf: file, encoding: .utf8))
            } catch {
                return .failure(
                    Problem(description: "\(file.path): \(error); reinstall convener with its resources"))
            }
        }
        return .success(MustacheLibrary(templates: templates))
    }()

    /// `name` rendered with `context`.
    static func render(_ name: String, _ context: Any) throws -> String {
        let library = try library.get()
        guard let html = library.render(context, withTemplate: name) else {
            throw Problem(description: "no template '\(name)' among \(names)")
        }
        return html
    }
}
