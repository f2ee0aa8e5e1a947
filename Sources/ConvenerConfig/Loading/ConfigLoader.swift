import Foundation

/// Finds, reads, validates and resolves the configuration, reporting every problem at once.
public enum ConfigLoader {
    /// The file looked for in the working directory.
    public static let defaultFileName = "convener.yaml"
    /// The environment variable naming a config file when the working directory has none.
    public static let pathVariable = "CONVENER_CONFIG"

    /// Validates YAML text without touching the file system; relative paths are taken relative to `file`'s folder.
    public static func parse(yaml: String, file: String) -> Result<ConvenerConfig, ConfigErrors> {
        parse(yaml: yaml, file: file, baseDirectory: ConfigPaths.directory(of: file))
    }

    /// Validates YAML text, resolving relative paths against `baseDirectory` (`""`: the working directory).
    public static func parse(yaml: String, file: String, baseDirectory: String) -> Result<ConvenerConfig, ConfigErrors>
    {
        let root: ConfigNode?
        switch ConfigDocument.compose(yaml: yaml, file: file) {
        case .success(let node): root = node
        case .failure(let diagnostic): return .failure(ConfigErrors([diagnostic]))
        }
        var context = ConfigContext(file: file, baseDirectory: baseDirectory)
        let config = ConvenerConfig.decode(root, &context)
        return context.diagnostics.isEmpty ? .success(config) : .failure(ConfigErrors(context.diagnostics))
    }

    /// Which configuration to use: `path` if given; else `convener.yaml` in the working directory if present;
    /// else `$CONVENER_CONFIG` if set; else the embedded defaults.
    public static func locate(
        path: String?,
        environment: [String: String],
        workingDirectory: String? = nil,
        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> ConfigSource {
        if let path { return .file(path) }
        let local = workingDirectory.map { ConfigPaths.join($0, defaultFileName) } ?? defaultFileName
        if fileExists(local) { return .file(local) }
        if let named = environment[pathVariable], !named.isEmpty { return .file(named) }
        return .embeddedDefaults
    }

    /// Locates, reads, validates and resolves the configuration (see `locate` for the search order).
    ///
    /// Secrets are read from `environment` and from disk. A file that was asked for but cannot be read is an
    /// error; only the absence of any file falls back to the embedded defaults.
    public static func load(
        path: String?,
        environment: [String: String],
        workingDirectory: String? = nil
    ) -> Result<LoadedConfig, ConfigErrors> {
        let source = locate(path: path, environment: environment, workingDirectory: workingDirectory)
        let config: ConvenerConfig
        switch source {
        case .embeddedDefaults:
            config = .embeddedDefaults
        case .file(let file):
            let yaml: String
            do {
                yaml = try SecretResolver.readLocalFile(file)
            } catch {
                let diagnostic = ConfigDiagnostic(
                    file: file, line: nil, column: nil, path: "", message: "cannot read the config file: \(error)")
                return .failure(ConfigErrors([diagnostic]))
            }
            switch parse(yaml: yaml, file: file) {
            case .success(let parsed): config = parsed
            case .failure(let errors): return .failure(errors)
            }
        }
        return SecretResolver.local(environment: environment).resolve(config)
            .map { LoadedConfig(source: source, config: config, secrets: $0) }
    }
}
