/// How pairing programs behave; the defaults need no configuration.
public struct PairingSettings: Sendable, Hashable {
    /// The defaults.
    public static let defaults = PairingSettings()

    /// Settings.
    public init() {}
}
