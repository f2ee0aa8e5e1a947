import ConvenerCore
import Foundation
import Testing

@Suite("Delivered message references")
struct DeliveredMessagesTests {
    @Test("References are kept per platform and only the newest are remembered")
    func bounded() {
        var state = CommunityState()
        state.apply(
            .messageDelivered(
                id: "m0", reference: PlatformMessageReference(platform: "slack", channel: "C", messageID: "1")))
        state.apply(
            .messageDelivered(
                id: "m0", reference: PlatformMessageReference(platform: "discord", channel: "9", messageID: "2")))
        #expect(
            state.deliveredMessages[CommunityState.deliveryKey(messageID: "m0", platform: "slack")]?.messageID == "1")
        #expect(
            state.deliveredMessages[CommunityState.deliveryKey(messageID: "m0", platform: "discord")]?.messageID == "2")
        for index in 1...CommunityState.deliveredMessageLimit {
            state.apply(
                .messageDelivered(
                    id: "m\(index)",
                    reference: PlatformMessageReference(platform: "slack", channel: "C", messageID: "\(index)")))
        }
        #expect(state.deliveredMessages.count == CommunityState.deliveredMessageLimit)
        #expect(state.deliveredOrder.count == CommunityState.deliveredMessageLimit)
        #expect(state.deliveredMessages[CommunityState.deliveryKey(messageID: "m0", platform: "slack")] == nil)
        #expect(state.deliveredMessages[CommunityState.deliveryKey(messageID: "m1", platform: "slack")] != nil)
    }

    @Test("Recording the same message again does not grow the order")
    func rerecorded() {
        var state = CommunityState()
        let reference = PlatformMessageReference(platform: "slack", channel: "C", messageID: "1")
        state.apply(.messageDelivered(id: "m", reference: reference))
        state.apply(.messageDelivered(id: "m", reference: reference))
        #expect(state.deliveredOrder.count == 1)
    }

    @Test("A reply target survives encoding with its entry")
    func replyTargetCodable() throws {
        let entry = OutboxEntry(
            message: OutboundMessage(id: "r", audience: .channel, text: "late"),
            queuedAt: Date(timeIntervalSince1970: 0),
            replyTarget: OutboxReplyTarget(
                platform: "discord", address: ["applicationID": "1", "token": "t"],
                expiresAt: Date(timeIntervalSince1970: 900), maxReplies: 10))
        let decoded = try JSONDecoder().decode(OutboxEntry.self, from: JSONEncoder().encode(entry))
        #expect(decoded == entry)
        #expect(decoded.replyTarget?.platform == "discord")
        let old = #"{"message":{"id":"o","audience":{"channel":{}},"text":"x","actions":[]},"queuedAt":0}"#
        #expect(try JSONDecoder().decode(OutboxEntry.self, from: Data(old.utf8)).replyTarget == nil)
    }

    @Test("Journals written before the platform seam keep their Slack and Discord reply targets")
    func legacyReplyTargets() throws {
        let slack = #"{"slackResponseURL":{"url":"https://hooks.slack.test/r","expiresAt":900}}"#
        let discord = #"{"discordFollowUp":{"applicationID":"1","token":"t","expiresAt":900}}"#
        let fromSlack = try JSONDecoder().decode(OutboxReplyTarget.self, from: Data(slack.utf8))
        let fromDiscord = try JSONDecoder().decode(OutboxReplyTarget.self, from: Data(discord.utf8))
        #expect(fromSlack.platform == "slack")
        #expect(fromSlack.address == ["url": "https://hooks.slack.test/r"])
        #expect(fromSlack.maxReplies == 5)
        #expect(fromSlack.expiresAt == Date(timeIntervalSinceReferenceDate: 900))
        #expect(fromDiscord.platform == "discord")
        #expect(fromDiscord.address == ["applicationID": "1", "token": "t"])
        #expect(fromDiscord.maxReplies == 10)
    }
}
