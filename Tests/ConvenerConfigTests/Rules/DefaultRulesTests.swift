import Foundation
import Testing

@testable import ConvenerConfig

@Suite("Built-in default rules")
struct DefaultRulesTests {
    @Test("The built-in rules are Deploy/rules/default.yaml, word for word, and they compile")
    func sameAsDeployFile() throws {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            let parent = folder.deletingLastPathComponent()
            try #require(parent.path != folder.path, "no Package.swift above \(#filePath)")
            folder = parent
        }
        let deployed = try String(
            contentsOf: folder.appendingPathComponent("Deploy/rules/default.yaml"), encoding: .utf8)
        // A multi-line string literal drops the newline before its closing quotes.
        #expect(DefaultRules.yaml + "\n" == deployed)
        let rules = try RuleLoader.parse(yaml: DefaultRules.yaml, file: DefaultRules.file).get()
        #expect(rules.rules.map(\.id).contains("welcome-newcomer"))
        #expect(DefaultRules.ruleSet.rules.count == rules.rules.count)
    }

    @Test("A config without `rules` declares none; with the key it does")
    func declaresRules() {
        #expect(!RuleLoader.configDeclaresRules(configYAML: "listen: 127.0.0.1:1\n", file: "c.yaml"))
        #expect(RuleLoader.configDeclaresRules(configYAML: "rules: []\n", file: "c.yaml"))
    }
}
