import ConvenerConfig
import ConvenerCore
import Testing

@Suite("Survey and feedback config")
struct SurveyConfigTests {
    func load(_ yaml: String) -> Result<ConvenerConfig, ConfigErrors> {
        ConfigLoader.parse(yaml: yaml, file: "convener.yaml")
    }

    func diagnostics(_ yaml: String) -> [String] {
        guard case .failure(let errors) = load(yaml) else { return ["(loaded)"] }
        return errors.diagnostics.map(\.description)
    }

    @Test("Without the sections, the built-in templates and defaults apply")
    func defaults() throws {
        let config = try #require(load("log_level: info\n").successValue)
        #expect(config.settings.surveys == .defaults)
        #expect(
            config.settings.surveys.templates.map(\.id) == [
                "community-health", "event-feedback", "needs-assessment", "pulse",
            ])
        #expect(config.settings.feedback == .defaults)
    }

    @Test("The sections set k, duration, batch sizes and the feedback period, and add templates")
    func values() throws {
        let yaml = """
            feedback:
              batch_size: 8
              period_days: 14
            surveys:
              k: 6
              closes_after: 2w
              batch_size: 10
              templates:
                - id: retro
                  title: Quarterly retro
                  intro: Looking back together.
                  questions:
                    - id: pace
                      kind: scale
                      text: The pace felt right.
                      required: true
                    - id: keep
                      kind: multi
                      text: What should we keep?
                      options: [Talks & demos, Clinics, {id: coffee, label: Coffee pairing}]
                    - id: more
                      kind: text
                      text: Anything else?
            """
        let config = try #require(load(yaml).successValue, "\(diagnostics(yaml))")
        #expect(config.settings.feedback == FeedbackSettings(batchSize: 8, periodDays: 14))
        let surveys = config.settings.surveys
        #expect(surveys.threshold == 6)
        #expect(surveys.duration == 14 * 86_400)
        #expect(surveys.batchSize == 10)
        let retro = try #require(surveys.template("retro"))
        #expect(retro.intro == "Looking back together.")
        #expect(retro.questions.map(\.kind) == [.scale, .multi, .text])
        #expect(retro.questions[0].required)
        #expect(retro.questions[1].options.map(\.id) == ["talks-demos", "clinics", "coffee"])
        #expect(surveys.template("community-health") != nil)
    }

    @Test("Every built-in template, written as YAML, reads back as the same template")
    func builtInRoundTrip() throws {
        let yaml =
            "surveys:\n  templates:\n"
            + SurveyTemplateLibrary.builtIn.map { template in
                template.yaml.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")
            }.joined(separator: "\n") + "\n"
        let config = try #require(load(yaml).successValue, "\(diagnostics(yaml))")
        #expect(
            Array(config.settings.surveys.templates.suffix(SurveyTemplateLibrary.builtIn.count))
                == SurveyTemplateLibrary.builtIn)
    }

    @Test("Broken survey and feedback settings are reported at their line and column")
    func broken() {
        #expect(
            diagnostics("surveys:\n  k: 2\n")
                == [
                    "convener.yaml:2:6: surveys.k: '2' is not an anonymity threshold; use a whole number from 3 to "
                        + "1000 (fewer than 3 answers could be traced to a person)"
                ])
        #expect(
            diagnostics("surveys:\n  closes_after: soon\n")
                == ["convener.yaml:2:17: surveys.closes_after: 'soon' is not a duration; use 30m, 2h, 3d or 2w"])
        #expect(
            diagnostics("feedback:\n  batch_size: 1\n  period: 3\n")
                == [
                    "convener.yaml:2:15: feedback.batch_size: '1' is not a batch size; use a whole number from 2 to "
                        + "100 (batches hide who wrote what)",
                    "convener.yaml:3:3: feedback.period: unknown key; did you mean period_days? allowed keys: "
                        + "batch_size, period_days",
                ])
    }

    @Test("Broken templates are reported at the offending question or option")
    func brokenTemplates() {
        let yaml = """
            surveys:
              templates:
                - id: pulse
                  title: Pulse
                  questions:
                    - id: mood
                      kind: slider
                      text: Mood?
                    - id: pick
                      kind: single
                      text: Pick
                    - id: pick
                      kind: scale
                      text: Again
                      options: [a, b]
                    - id: two
                      kind: multi
                      text: Two
                      options: [Same, same]
                - id: pulse
                  title: Pulse again
                  questions:
                    - {id: q, kind: text, text: Q, required: maybe}
            """
        #expect(
            diagnostics(yaml)
                == [
                    "convener.yaml:7:17: surveys.templates[0].questions[0].kind: 'slider' is not a question kind; "
                        + "allowed: scale, single, multi, text",
                    "convener.yaml:9:11: surveys.templates[0].questions[1]: a single question needs options: "
                        + "a list of 2 to 20 choices",
                    "convener.yaml:15:20: surveys.templates[0].questions[2].options: options only apply to single "
                        + "and multi questions; remove them",
                    "convener.yaml:19:27: surveys.templates[0].questions[3].options[1]: option id 'same' is used "
                        + "twice in this question; make the labels differ",
                    "convener.yaml:20:7: surveys.templates[1]: template 'pulse' is defined twice; give each template "
                        + "its own id",
                    "convener.yaml:23:50: surveys.templates[1].questions[0].required: 'maybe' is not true or false; "
                        + "allowed: true, false",
                ])
    }
}
