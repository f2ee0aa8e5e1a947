/// The survey templates every community has without configuration, written for communities of practice.
///
/// They are values here so the core needs no YAML reader; `SurveyTemplate.yaml` writes any of them in the format
/// of the config's `surveys.templates`, which convenors can copy and adapt.
public enum SurveyTemplateLibrary {
    /// Community health check, event feedback, needs assessment and a two-question pulse.
    public static let builtIn: [SurveyTemplate] = [communityHealth, eventFeedback, needsAssessment, pulse]

    /// How members feel about the community: belonging, safety to ask, rhythm, what helps, what to change.
    ///
    /// Every built-in template keeps to five questions: five minutes to answer, and one Discord modal.
    public static let communityHealth = SurveyTemplate(
        id: "community-health", title: "Community health check",
        intro: "Five minutes to tell us how the community feels to you. Answers are anonymous: no name is ever "
            + "stored with them, and results appear only when enough people have answered.",
        questions: [
            SurveyQuestion(id: "belonging", text: "I feel I belong in this community.", kind: .scale, required: true),
            SurveyQuestion(
                id: "safety", text: "I feel safe asking a 'beginner' question here.", kind: .scale, required: true),
            SurveyQuestion(
                id: "rhythm", text: "How does the pace of activity feel?", kind: .single, required: true,
                options: ["Too quiet", "About right", "Too busy"].map(SurveyOption.init(label:))),
            SurveyQuestion(
                id: "helps", text: "What helps you most?", kind: .multi,
                options: [
                    "Discussion prompts", "Meetings and talks", "Coffee pairing", "Mentoring", "Kudos",
                    "The weekly round-up",
                ].map(SurveyOption.init(label:))),
            SurveyQuestion(id: "change", text: "One thing you would change:", kind: .text),
        ])

    /// What people thought of an event, right after it.
    public static let eventFeedback = SurveyTemplate(
        id: "event-feedback", title: "Event feedback",
        intro: "How was the event? Your answers are anonymous and shape the next one.",
        questions: [
            SurveyQuestion(id: "overall", text: "Overall, the event was worth my time.", kind: .scale, required: true),
            SurveyQuestion(id: "useful", text: "I can use something from it in my work.", kind: .scale, required: true),
            SurveyQuestion(
                id: "length", text: "The length was…", kind: .single, required: true,
                options: ["Too short", "About right", "Too long"].map(SurveyOption.init(label:))),
            SurveyQuestion(id: "liked", text: "What worked well?", kind: .text),
            SurveyQuestion(id: "improve", text: "What should we do differently next time?", kind: .text),
        ])

    /// What members need from the community next.
    public static let needsAssessment = SurveyTemplate(
        id: "needs-assessment", title: "Needs assessment",
        intro: "Help us plan the next months around what you need. Anonymous; results only in aggregate.",
        questions: [
            SurveyQuestion(
                id: "topics", text: "Which topics would help you most right now?", kind: .multi, required: true,
                options: [
                    "Fundamentals", "Advanced practice", "Tools and techniques", "Case studies",
                    "Career and growth", "Leading and teaching others",
                ].map(SurveyOption.init(label:))),
            SurveyQuestion(
                id: "format", text: "Which format suits you best?", kind: .single, required: true,
                options: [
                    "Short talks", "Hands-on workshops", "Open discussion", "Written resources",
                    "One-to-one mentoring",
                ].map(SurveyOption.init(label:))),
            SurveyQuestion(
                id: "time", text: "How much time can you give the community each month?", kind: .single,
                options: ["Under 1 hour", "1 to 3 hours", "More than 3 hours"].map(SurveyOption.init(label:))),
            SurveyQuestion(id: "confidence", text: "I know where to get help when I am stuck.", kind: .scale),
            SurveyQuestion(id: "missing", text: "What is missing that we could offer?", kind: .text),
        ])

    /// Two quick questions for a regular check-in.
    public static let pulse = SurveyTemplate(
        id: "pulse", title: "Quick pulse",
        intro: "Two quick questions, anonymous as always.",
        questions: [
            SurveyQuestion(
                id: "energy", text: "The community gave me energy this month.", kind: .scale, required: true),
            SurveyQuestion(id: "wish", text: "One wish for next month:", kind: .text),
        ])
}
