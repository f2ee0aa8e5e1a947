import ConvenerCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import ConvenerServer

@Suite("Playground and dashboard with two communities")
struct PlaygroundCommunityRouteTests {
    private func message(_ member: String, _ text: String, community: String?) -> ByteBuffer {
        var body = ["member": member, "text": text]
        body["community"] = community
        return ByteBuffer(bytes: (try? JSONEncoder().encode(body)) ?? Data())
    }

    @Test("A message goes to the community it names, else to the first; an unknown one is a 400 naming them")
    func community() async throws {
        try await withPlatformApp { client, runtimes in
            let pat = MemberID(platform: "playground", user: "pat")
            let sam = MemberID(platform: "playground", user: "sam")
            try await client.execute(
                uri: "/playground/api/messages", method: .post, body: message("pat", "/cop me", community: "ux")
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/playground/api/messages", method: .post, body: message("sam", "/cop me", community: nil)
            ) { #expect($0.status == .ok) }
            #expect(await runtimes[1].member(pat) != nil)
            #expect(await runtimes[0].member(pat) == nil)
            #expect(await runtimes[0].member(sam) != nil)
            #expect(await runtimes[1].member(sam) == nil)
            try await client.execute(
                uri: "/playground/api/messages", method: .post, body: message("pat", "/cop me", community: "nope")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("'data', 'ux'"))
            }
        }
    }

    @Test("--community in a playground command picks the community too")
    func flag() async throws {
        try await withPlatformApp { client, runtimes in
            let kim = MemberID(platform: "playground", user: "kim")
            try await client.execute(
                uri: "/playground/api/messages", method: .post,
                body: message("kim", "/cop me --community ux", community: nil)
            ) { #expect($0.status == .ok) }
            #expect(await runtimes[1].member(kim) != nil)
            #expect(await runtimes[0].member(kim) == nil)
        }
    }

    @Test("The page's picker lists the communities, the default first")
    func list() async throws {
        try await withPlatformApp { client, _ in
            try await client.execute(uri: "/playground/api/communities", method: .get) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                let data = try #require(body.range(of: "\"data\""))
                let ux = try #require(body.range(of: "\"ux\""))
                #expect(data.lowerBound < ux.lowerBound)
            }
        }
    }

    @Test("The dashboard shows one community when asked, and says which exist for an unknown one")
    func dashboard() async throws {
        try await withPlatformApp(adminToken: "s3cret") { client, _ in
            let headers: HTTPFields = [.authorization: "Bearer s3cret"]
            try await client.execute(uri: "/dashboard/api/health?community=ux", method: .get, headers: headers) {
                response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("UX Research") && !body.contains("Data Science"))
            }
            try await client.execute(uri: "/dashboard/api/health", method: .get, headers: headers) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("UX Research") && body.contains("Data Science"))
            }
            try await client.execute(uri: "/dashboard?community=nope", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("'data', 'ux'"))
            }
        }
    }
}
