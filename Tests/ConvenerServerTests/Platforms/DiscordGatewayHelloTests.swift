import Testing

@testable import ConvenerServer

/// The wait for Discord's Hello after the socket opens: the announced interval, a socket that closed first, and a
/// Gateway that stays silent (which must not hold the connection forever).
@Suite("Discord Gateway Hello")
struct DiscordGatewayHelloTests {
    @Test("the interval Hello announced is returned")
    func announced() async throws {
        let (intervals, hello) = AsyncStream.makeStream(of: Duration.self)
        hello.yield(.milliseconds(41_250))
        let interval = try await DiscordGatewayConnection.hello(from: intervals, within: .seconds(30))
        #expect(interval == .milliseconds(41_250))
    }

    @Test("a socket closed before Hello gives no interval, not a timeout")
    func closedFirst() async throws {
        let (intervals, hello) = AsyncStream.makeStream(of: Duration.self)
        hello.finish()
        let interval = try await DiscordGatewayConnection.hello(from: intervals, within: .seconds(30))
        #expect(interval == nil)
    }

    @Test("a Gateway that says no Hello in time is given up")
    func silent() async throws {
        let (intervals, hello) = AsyncStream.makeStream(of: Duration.self)
        await #expect(throws: GatewaySilent.self) {
            _ = try await DiscordGatewayConnection.hello(from: intervals, within: .milliseconds(20))
        }
        hello.finish()
    }
}
