import ConvenerConfig
import ConvenerCore
import Testing

@Suite("Prompt statistics config")
struct PromptConfigTests {
    func load(_ yaml: String) -> Result<ConvenerConfig, ConfigErrors> {
        ConfigLoader.parse(yaml: yaml, file: "convener.yaml")
    }

    func diagnostics(_ yaml: String) -> [String] {
        guard case .failure(let errors) = load(yaml) else { return ["(loaded)"] }
        return errors.diagnostics.map(\.description)
    }

    @Test("Without the section answers count for a week and the rotation keeps to its theme")
    func defaults() throws {
        let config = try #require(load("log_level: info\n").successValue)
        #expect(config.settings.prompts == PromptSettings(answerWindowDays: 7, preferAnsweredThemes: false))
    }

    @Test("The section sets the answer window and turns on the preference for answered themes")
    func section() throws {
        let config = try #require(
            load("prompts:\n  answer_window_days: 3\n  prefer_answered_themes: true\n").successValue)
        #expect(config.settings.prompts == PromptSettings(answerWindowDays: 3, preferAnsweredThemes: true))
    }

    @Test("Broken prompt settings are reported at their line and column")
    func broken() {
        #expect(
            diagnostics("prompts:\n  answer_window_days: 0\n")
                == [
                    "convener.yaml:2:23: prompts.answer_window_days: '0' is not a number of days; use a whole "
                        + "number from 1 to 28"
                ])
        let wrong = diagnostics("prompts:\n  prefer_answered_themes: often\n  answer_window: 3\n")
        #expect(wrong.count == 2)
        #expect(wrong.first?.hasPrefix("convener.yaml:2:27: prompts.prefer_answered_themes: 'often'") == true)
        #expect(
            wrong.last
                == "convener.yaml:3:3: prompts.answer_window: unknown key; did you mean answer_window_days? allowed keys: "
                + "answer_window_days, prefer_answered_themes")
    }
}
