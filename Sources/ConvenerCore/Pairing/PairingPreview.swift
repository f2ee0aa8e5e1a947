/// The round a program would make now: shown by `convener pairing preview`, never recorded or sent.
public struct PairingPreview: Sendable, Equatable {
    /// The program.
    public var program: PairingProgram
    /// The seed the preview used.
    public var seed: UInt64
    /// How many members could take part.
    public var poolSize: Int
    /// The groups.
    public var plan: PairingPlan
}
