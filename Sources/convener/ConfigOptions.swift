import ArgumentParser

/// The options every command that reads the config or the state shares.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long, help: "The config file (default: ./convener.yaml, then $CONVENER_CONFIG, then built-in defaults).")
    var config: String?

    @Option(name: .customLong("state-dir"), help: "The state folder (overrides the config's state_dir).")
    var stateDir: String?
}
