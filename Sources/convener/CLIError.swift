import ArgumentParser

/// A failure the CLI reports as one clear message and a non-zero exit, without a stack of noise.
enum CLIError: Error, CustomStringConvertible {
    case startup(String)
    case invalidConfig(String)
    case state(String)
    case invalidExpression(String)

    var description: String {
        switch self {
        case .startup(let message): "convener could not start: \(message)"
        case .invalidConfig(let message): message
        case .state(let message): message
        case .invalidExpression(let message): message
        }
    }
}
