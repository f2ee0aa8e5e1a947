import Foundation
import Hummingbird

/// Reads and decodes JSON request bodies with errors that say exactly what is wrong.
enum RequestBody {
    /// Decodes the body as `T`, or throws a 400 naming the missing or mistyped field.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext)
        async throws -> T
    {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: describe(error))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.isEmpty ? "the body" : "'" + codingPath.map(\.stringValue).joined(separator: ".") + "'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "The JSON body is missing the field '\(key.stringValue)'\(parent)."
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) must be \(typeName(type))."
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) must be \(typeName(type)), not null."
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "The body is not valid JSON: send a JSON object with Content-Type application/json."
            }
            return "\(path(context.codingPath)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "The JSON body could not be read."
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}
