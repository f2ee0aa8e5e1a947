/// Exact matching algorithms behind mentorship and coffee pairing.
///
/// Every function is pure and deterministic: the same input gives the same output. Weights are
/// `Int64` so that ties are exact; a caller with fractional scores scales them (for example by
/// 1,000) and rounds. Hard constraints ("not with", paused members, recent repeats) are applied by
/// the caller, who simply leaves those edges out.
public enum Matching {
    /// The largest absolute edge weight accepted (2^40, about 1.1e12); it keeps every sum of weights
    /// and every dual value of the algorithms far from `Int64` overflow.
    public static let maximumAbsoluteWeight: Int64 = 1 << 40
}
