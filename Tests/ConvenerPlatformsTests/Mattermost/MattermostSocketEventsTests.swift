import ConvenerCore
import ConvenerPlatforms
import Foundation
import Testing

// Frames as a Mattermost server sends them over /api/v4/websocket, captured from a live server in
// gabrc52/mattermost-to-matrix, doc/mattermost_events.md ("Send message", "Reaction add", "Gone online"); the hello
// frame follows mattermost/mattermost server/channels/app/platform/web_conn.go (createHelloMessage).
private let bot = "911gzgbxy3fwfbdf9eg6z8xgnw"

private let postedFrame = #"""
    {"event":"posted","data":{"channel_display_name":"Test 2.0","channel_name":"test2","channel_type":"O","post":"{\"id\":\"5greg5b4w3rojmqc188znn8s7c\",\"create_at\":1682311948645,\"update_at\":1682311948645,\"edit_at\":0,\"delete_at\":0,\"is_pinned\":false,\"user_id\":\"cmr7sncacib4xfhd6yo3n4tf5e\",\"channel_id\":\"1waumyyd6jyczrxntuiopybygy\",\"root_id\":\"\",\"parent_id\":\"\",\"original_id\":\"\",\"message\":\"message sent\",\"type\":\"\",\"props\":{\"disable_group_highlight\":true},\"hashtags\":\"\",\"pending_post_id\":\"cmr7sncacib4xfhd6yo3n4tf5e:1682311948590\",\"reply_count\":0,\"metadata\":{}}","sender_name":"@rgabriel","set_online":true,"team_id":"68ia7ywnopny8nmcdrkatmytjh"},"broadcast":{"channel_id":"1waumyyd6jyczrxntuiopybygy","omit_users":null,"team_id":"","user_id":""},"seq":5}
    """#

private let reactionFrame = #"""
    {"event":"reaction_added","data":{"reaction":"{\"user_id\":\"cmr7sncacib4xfhd6yo3n4tf5e\",\"post_id\":\"u4y918f9o3gotgzefgoc1zcj9h\",\"emoji_name\":\"eyes\",\"create_at\":1682313115731}"},"broadcast":{"channel_id":"1waumyyd6jyczrxntuiopybygy","omit_users":null,"team_id":"","user_id":""},"seq":8}
    """#

/// The captured `posted` frame with its post changed by `edit` (a thread reply, a system post, the bot's own).
private func posted(_ edit: (inout [String: Any]) -> Void) throws -> String {
    var frame = try #require(JSONSerialization.jsonObject(with: Data(postedFrame.utf8)) as? [String: Any])
    var data = try #require(frame["data"] as? [String: Any])
    let postText = try #require(data["post"] as? String)
    var post = try #require(JSONSerialization.jsonObject(with: Data(postText.utf8)) as? [String: Any])
    edit(&post)
    data["post"] = String(decoding: try JSONSerialization.data(withJSONObject: post), as: UTF8.self)
    frame["data"] = data
    return String(decoding: try JSONSerialization.data(withJSONObject: frame), as: UTF8.self)
}

private func request(_ message: MattermostSocketMessage) -> PlatformRequest? {
    guard case .event(_, let inbound) = message else { return nil }
    return inbound.request(platform: MattermostParser.platform)
}

@Suite("Mattermost WebSocket events")
struct MattermostSocketEventsTests {
    @Test("a post in a channel is the member's message, with the post id as input id")
    func post() throws {
        let message = try MattermostSocketEvents.parse(postedFrame, botUserID: bot)
        guard case .event(let seq, .input(let parsed)) = message else {
            Issue.record("not an input: \(message)")
            return
        }
        #expect(seq == 5)
        #expect(parsed.input.id == "mattermost.post.5greg5b4w3rojmqc188znn8s7c")
        #expect(parsed.input.member == MemberID(platform: "mattermost", user: "cmr7sncacib4xfhd6yo3n4tf5e"))
        #expect(parsed.input.displayName == "rgabriel")
        #expect(parsed.input.event == .message("message sent"))
        #expect(parsed.input.respondsTo == nil)
        #expect(parsed.context.channelID == "1waumyyd6jyczrxntuiopybygy")
        #expect(parsed.context.teamID == "68ia7ywnopny8nmcdrkatmytjh")
        #expect(parsed.context.platformMessageID == "5greg5b4w3rojmqc188znn8s7c")
        #expect(parsed.context.isDirect == false)
    }

    @Test("a reply in a thread responds to the thread's root post")
    func threadReply() throws {
        let frame = try posted { $0["root_id"] = "u4y918f9o3gotgzefgoc1zcj9h" }
        let parsed = try #require(request(try MattermostSocketEvents.parse(frame, botUserID: bot)))
        #expect(parsed.input.respondsTo == "u4y918f9o3gotgzefgoc1zcj9h")
        #expect(parsed.context.threadID == "u4y918f9o3gotgzefgoc1zcj9h")
    }

    @Test("the bot's own posts, system posts and posts by bots or webhooks are ignored")
    func ignoredPosts() throws {
        let own = try posted { $0["user_id"] = bot }
        let system = try posted { $0["type"] = "system_join_channel" }
        let fromBot = try posted { $0["props"] = ["from_bot": "true"] }
        let fromWebhook = try posted { $0["props"] = ["from_webhook": true] }
        for frame in [own, system, fromBot, fromWebhook] {
            let message = try MattermostSocketEvents.parse(frame, botUserID: bot)
            guard case .event(5, .ignored) = message else {
                Issue.record("not ignored: \(message)")
                continue
            }
        }
    }

    @Test("a direct message is marked direct")
    func direct() throws {
        let frame = postedFrame.replacingOccurrences(of: #""channel_type":"O""#, with: #""channel_type":"D""#)
        let parsed = try #require(request(try MattermostSocketEvents.parse(frame, botUserID: bot)))
        #expect(parsed.context.isDirect == true)
    }

    @Test("a reaction responds to the post it is on, in the broadcast's channel")
    func reaction() throws {
        let message = try MattermostSocketEvents.parse(reactionFrame, botUserID: bot)
        guard case .event(8, .reaction(let reaction)) = message else {
            Issue.record("not a reaction: \(message)")
            return
        }
        #expect(reaction.emoji == "eyes")
        #expect(reaction.messageID == "u4y918f9o3gotgzefgoc1zcj9h")
        #expect(reaction.channelID == "1waumyyd6jyczrxntuiopybygy")
        let parsed = try #require(request(message))
        #expect(parsed.input.event == .reaction(emoji: "eyes"))
        #expect(parsed.input.respondsTo == "u4y918f9o3gotgzefgoc1zcj9h")
        #expect(
            parsed.input.id
                == "mattermost.ev.reaction.u4y918f9o3gotgzefgoc1zcj9h.cmr7sncacib4xfhd6yo3n4tf5e.eyes.1682313115731")
        let own = try MattermostSocketEvents.parse(reactionFrame, botUserID: "cmr7sncacib4xfhd6yo3n4tf5e")
        guard case .event(8, .ignored) = own else {
            Issue.record("the bot's own reaction was not ignored: \(own)")
            return
        }
    }

    @Test("hello carries the connection id; replies to actions and unused events move nothing")
    func handshake() throws {
        let hello = #"""
            {"event":"hello","data":{"connection_id":"zcbkph1w8if6xkwcbynhqmkxbe","server_version":"9.11.0.9.11.0.x.false"},"broadcast":{"omit_users":null,"user_id":"911gzgbxy3fwfbdf9eg6z8xgnw","channel_id":"","team_id":""},"seq":0}
            """#
        #expect(
            try MattermostSocketEvents.parse(hello, botUserID: bot)
                == .hello(connectionID: "zcbkph1w8if6xkwcbynhqmkxbe", seq: 0))
        #expect(try MattermostSocketEvents.parse(#"{"status":"OK","seq_reply":1}"#, botUserID: bot) == .reply)
        let status = #"""
            {"broadcast":{"channel_id":"","omit_users":null,"team_id":"","user_id":"911gzgbxy3fwfbdf9eg6z8xgnw"},"data":{"status":"online","user_id":"911gzgbxy3fwfbdf9eg6z8xgnw"},"event":"status_change","seq":1}
            """#
        guard case .event(1, .ignored) = try MattermostSocketEvents.parse(status, botUserID: bot) else {
            Issue.record("status_change was not ignored")
            return
        }
    }

    @Test("a malformed post names the field")
    func malformed() {
        let frame = #"{"event":"posted","data":{"post":"{not json"},"seq":3}"#
        #expect {
            try MattermostSocketEvents.parse(frame, botUserID: bot)
        } throws: { error in
            "\(error)".contains("data.post")
        }
        #expect(throws: PlatformParseError.self) {
            try MattermostSocketEvents.parse(#"{"event":"posted","data":{}}"#, botUserID: bot)
        }
    }
}
