import ConvenerCore

/// The choices of form fields, as every platform renders them.
public enum PlatformFormChoices {
    /// The options a field offers: its own, or 1 to 5 (ids "1" … "5") for a `scale` field without options.
    public static func options(of field: FormField) -> [MessageAction] {
        if field.kind == .scale && field.options.isEmpty {
            return (1...5).map { MessageAction(id: "\($0)", label: "\($0)") }
        }
        return field.options
    }
}
