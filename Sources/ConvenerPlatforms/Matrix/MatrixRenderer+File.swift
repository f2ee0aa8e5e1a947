import ConvenerCore

extension MatrixRenderer {
    /// The content of an `m.file` message for a file uploaded to the media repository as `uri` (`mxc://…`), in
    /// `threadRoot`'s thread when there is one.
    public static func file(_ attachment: OutboundAttachment, uri: String, threadRoot: String? = nil) -> PlatformJSON {
        var content: [String: PlatformJSON] = [
            "msgtype": "m.file", "body": .string(attachment.name), "filename": .string(attachment.name),
            "url": .string(uri),
            "info": ["mimetype": .string(attachment.mimeType), "size": .int(attachment.bytes.count)],
            "m.mentions": ["user_ids": []],
        ]
        if let threadRoot {
            content["m.relates_to"] = [
                "rel_type": "m.thread", "event_id": .string(threadRoot), "is_falling_back": true,
                "m.in_reply_to": ["event_id": .string(threadRoot)],
            ]
        }
        return .object(content)
    }
}
