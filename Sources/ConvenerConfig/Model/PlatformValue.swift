/// A non-secret platform setting: written in the config, or read from an environment variable at startup.
public enum PlatformValue<Value: Sendable & Hashable>: Sendable, Hashable {
    /// Written in the config.
    case configured(Value)
    /// Read from the environment variable `name`; `fallback` applies when it is unset or empty.
    case environment(name: String, fallback: Value?)
}
