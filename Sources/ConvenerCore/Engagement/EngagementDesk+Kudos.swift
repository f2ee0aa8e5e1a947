import Foundation

extension EngagementDesk {
    /// `/cop kudos @member WHY`: checks the reason, self-kudos and the giver's daily allowance, then thanks the
    /// member in the channel and raises `kudos.given` (about the receiver).
    static func kudos(
        to mention: MemberMention, reason: String, _ context: CommandContext, replies: inout ReplyBuilder
    ) -> FeatureEffects {
        let directory = EngagementDirectory(state: context.state, acting: context.member)
        let giver = context.member.id
        guard let receiver = directory.resolve(mention, from: giver) else {
            replies.ephemeral(
                "I don't know @\(mention.id) in \(context.profile.name) yet. Check the spelling, or mention them "
                    + "the way your chat suggests.\nUsage: \(CommandTable.usage(forName: "kudos"))")
            return FeatureEffects()
        }
        let book = context.state.engagement
        // The giver's allowance alone, looked up rather than filtered, so a kudos costs the same in any community.
        var ledger = KudosLedger(allowances: book.kudos.allowances[giver].map { [giver: $0] } ?? [:])
        let zone = book.timeZones[giver].flatMap(TimeZone.init(identifier:)) ?? context.profile.timeZone
        let receipt: KudosReceipt
        do {
            receipt = try ledger.give(
                from: giver, to: receiver, reason: reason, at: context.now, timeZone: zone,
                policy: context.reducer.settings.engagement.kudos)
        } catch {
            replies.ephemeral(error.message(name: directory.name))
            return FeatureEffects()
        }
        guard let allowance = ledger.allowances[giver] else { return FeatureEffects() }
        replies.inChannel(receipt.announcement(name: directory.name))
        replies.ephemeral(receipt.confirmation(name: directory.name))
        let event = RuleEvent(
            type: "kudos.given",
            payload: [
                "from": .string(giver.rawValue), "fromName": .string(context.member.displayName),
                "reason": .string(receipt.entry.reason),
            ])
        return FeatureEffects(
            facts: [
                .engagement(.kudosGiven(receipt.entry, allowance: allowance)),
                .activityRecorded(member: giver, kind: .kudos, at: context.now),
            ],
            events: [FeatureEvent(event: event, member: receiver)])
    }
}
