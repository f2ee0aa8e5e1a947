import Foundation
import Testing

@testable import ConvenerDelivery

@Suite("CurlHTTPClient against a local server")
struct CurlHTTPClientTests {
    private func received(_ server: TransportTestServer, _ client: CurlHTTPClient) async throws
        -> [TransportTestServer.Received]
    {
        let response = try await client.send(HTTPTransportRequest(url: server.baseURL + "/__requests"))
        return try JSONDecoder().decode([TransportTestServer.Received].self, from: Data(response.body))
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let response = try await client.send(HTTPTransportRequest(url: server.baseURL + "/ok"))
        #expect(response.status == 200)
        #expect(response.body == Array("hello".utf8))
        #expect(response.header("x-test") == "yes")
        #expect(response.header("CONTENT-TYPE") == "text/plain")
        #expect(response.header("Retry-After") == nil)
        await client.shutdown()
    }

    @Test func postSendsMethodHeadersAndBody() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient(configuration: .init(userAgent: "ConvenerTest/1"))
        let body = Array(#"{"channel":"C1","text":"héllo"}"#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 5000)
        let request = HTTPTransportRequest(
            method: "POST", url: server.baseURL + "/echo?x=1",
            headers: [
                HTTPTransportHeader("Content-Type", "application/json; charset=utf-8"),
                HTTPTransportHeader("Authorization", "Bearer xoxb-test"),
                HTTPTransportHeader("Idempotency-Key", "msg-42"),
            ],
            body: body)
        let response = try await client.send(request)
        #expect(response.status == 200)
        #expect(response.body == body)
        let seen = try await received(server, client)
        #expect(seen.count == 1)
        let first = try #require(seen.first)
        #expect(first.method == "POST")
        #expect(first.path == "/echo?x=1")
        #expect(first.headers["content-type"] == "application/json; charset=utf-8")
        #expect(first.headers["authorization"] == "Bearer xoxb-test")
        #expect(first.headers["idempotency-key"] == "msg-42")
        #expect(first.headers["user-agent"] == "ConvenerTest/1")
        #expect(first.headers["expect"] == nil)
        #expect(first.headers["content-length"] == String(body.count))
        #expect(Array(first.body.unicodeScalars.map { UInt8($0.value) }) == body)
        await client.shutdown()
    }

    @Test(arguments: ["PUT", "PATCH", "DELETE", "HEAD"])
    func otherMethodsAreSentAsGiven(method: String) async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let body: [UInt8] = method == "HEAD" ? [] : Array("payload".utf8)
        let response = try await client.send(
            HTTPTransportRequest(method: method, url: server.baseURL + "/echo", body: body))
        #expect(response.status == 200)
        #expect(response.body == body)
        let seen = try await received(server, client)
        #expect(seen.map(\.method) == [method])
        #expect(seen.first?.body == String(decoding: body, as: UTF8.self))
        await client.shutdown()
    }

    @Test func rateLimitResponseCarriesRetryAfter() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let response = try await client.send(HTTPTransportRequest(method: "POST", url: server.baseURL + "/429"))
        #expect(response.status == 429)
        #expect(response.retryAfter(now: Date()) == .seconds(7))
        #expect(HTTPRetryAfter.parseJSONBody(response.body) == .milliseconds(1500))
        #expect(RetryClassification.classify(status: response.status) == .transient(reason: "HTTP 429"))
        await client.shutdown()
    }

    @Test func serverErrorIsAResponseNotAnError() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let response = try await client.send(HTTPTransportRequest(url: server.baseURL + "/500"))
        #expect(response.status == 500)
        #expect(response.body == Array("boom".utf8))
        await client.shutdown()
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        for index in 0..<10 {
            let response = try await client.send(HTTPTransportRequest(url: server.baseURL + "/ok?n=\(index)"))
            #expect(response.status == 200)
        }
        let seen = try await received(server, client)
        #expect(seen.count == 10)
        // One connection carries them; on a loaded machine curl may find the idle one not yet reusable once and
        // open a second, but never one per request.
        #expect(Set(seen.map(\.clientPort)).count <= 2)
        await client.shutdown()
    }

    @Test func aTransferCarriesNothingOfTheOneBeforeIt() async throws {
        // Finished transfers' handles are reset and reused, so each request must be only what it asks for.
        let server = try TransportTestServer()
        let client = try CurlHTTPClient(configuration: .init(maxConnectionsPerHost: 1, maxCachedConnections: 1))
        let post = HTTPTransportRequest(
            method: "POST", url: server.baseURL + "/echo",
            headers: [HTTPTransportHeader("Authorization", "Bearer xoxb-first"), HTTPTransportHeader("X-Once", "1")],
            body: Array(#"{"text":"first"}"#.utf8))
        #expect(try await client.send(post).status == 200)
        let get = try await client.send(HTTPTransportRequest(url: server.baseURL + "/ok"))
        #expect(get.status == 200 && get.body == Array("hello".utf8))
        let head = try await client.send(HTTPTransportRequest(method: "HEAD", url: server.baseURL + "/ok"))
        #expect(head.status == 200 && head.body.isEmpty)
        let second = HTTPTransportRequest(method: "POST", url: server.baseURL + "/echo", body: Array("second".utf8))
        #expect(try await client.send(second).body == Array("second".utf8))
        let seen = try await received(server, client)
        #expect(seen.map(\.method) == ["POST", "GET", "HEAD", "POST"])
        #expect(seen.last?.body == "second")
        for later in seen.dropFirst() {
            #expect(later.headers["authorization"] == nil && later.headers["x-once"] == nil)
        }
        #expect(seen.dropFirst().dropLast().allSatisfy { $0.body.isEmpty && $0.headers["content-length"] == nil })
        await client.shutdown()
    }

    @Test func fiftyConcurrentRequestsAllComplete() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient(configuration: .init(maxConnectionsPerHost: 8))
        let bodies = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<50 {
                group.addTask {
                    let request = HTTPTransportRequest(
                        method: "POST", url: server.baseURL + "/echo", body: Array("request \(index)".utf8))
                    let response = try await client.send(request)
                    return (index, response.body)
                }
            }
            var bodies: [Int: [UInt8]] = [:]
            for try await (index, body) in group { bodies[index] = body }
            return bodies
        }
        #expect(bodies.count == 50)
        for index in 0..<50 { #expect(bodies[index] == Array("request \(index)".utf8)) }
        let seen = try await received(server, client)
        #expect(seen.count == 50)
        let connections = Set(seen.map(\.clientPort)).count
        #expect(connections <= 8)
        #expect(connections < seen.count)
        await client.shutdown()
    }

    @Test func refusedConnectionIsAConnectionFailure() async throws {
        let server = try TransportTestServer()
        let url = server.baseURL + "/ok"
        server.stop()
        let client = try CurlHTTPClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPTransportRequest(url: url))
        }
        guard case .connectionFailed(let failedURL, _) = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(failedURL == url)
        #expect(error?.isTransient == true)
        #expect(error?.description.contains("Could not connect to \(url)") == true)
        await client.shutdown()
    }

    @Test func slowResponseHitsTheTotalTimeout() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(
                HTTPTransportRequest(url: server.baseURL + "/slow?ms=3000", timeout: .milliseconds(300)))
        }
        guard case .timedOut = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        // The client stays usable after a timeout.
        let response = try await client.send(HTTPTransportRequest(url: server.baseURL + "/ok"))
        #expect(response.status == 200)
        await client.shutdown()
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let task = Task {
            try await client.send(HTTPTransportRequest(url: server.baseURL + "/slow?ms=5000", timeout: .seconds(10)))
        }
        // Wait until the server has the request, so the cancellation hits a running transfer.
        while try await received(server, client).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, case .cancelled = error as? HTTPTransportError else {
            Issue.record("expected cancelled, got \(result)")
            return
        }
        await client.shutdown()
    }

    @Test func alreadyCancelledTaskNeverSends() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.send(HTTPTransportRequest(url: server.baseURL + "/ok"))
        }
        let result = await task.result
        guard case .failure(let error) = result, case .cancelled = error as? HTTPTransportError else {
            Issue.record("expected cancelled, got \(result)")
            return
        }
        #expect(try await received(server, client).isEmpty)
        await client.shutdown()
    }

    @Test func gracefulShutdownFinishesInFlightTransfers() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let task = Task { try await client.send(HTTPTransportRequest(url: server.baseURL + "/slow?ms=300")) }
        while try await received(server, client).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        await client.shutdown()
        let response = try await task.value
        #expect(response.body == Array("late".utf8))
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPTransportRequest(url: server.baseURL + "/ok"))
        }
        #expect(error == .shutDown(url: server.baseURL + "/ok"))
    }

    @Test func abortingShutdownFailsInFlightTransfers() async throws {
        let server = try TransportTestServer()
        let client = try CurlHTTPClient()
        let task = Task { try await client.send(HTTPTransportRequest(url: server.baseURL + "/slow?ms=5000")) }
        while try await received(server, client).isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        await client.shutdown(abortingInFlight: true)
        let result = await task.result
        guard case .failure(let error) = result, case .shutDown = error as? HTTPTransportError else {
            Issue.record("expected shutDown, got \(result)")
            return
        }
        await client.shutdown()  // a second shutdown returns at once
    }

    @Test func invalidRequestsAreRejectedBeforeSending() async throws {
        let client = try CurlHTTPClient()
        // A line break in a name or value would end the header early and start another; a colon in a name, or no
        // name, would send a header other than the one asked for.
        let badHeaders = [
            ("X-Evil", "a\r\nInjected: yes"), ("X-Evil", "a\nInjected: yes"), ("X-Evil", "a\rb"),
            ("X-Evil\r\nInjected", "yes"), ("X-Evil: yes\nX", "b"), ("Injected:", "yes"), ("", "yes"),
        ].map { HTTPTransportRequest(url: "http://127.0.0.1:9/", headers: [HTTPTransportHeader($0, $1)]) }
        let badMethod = HTTPTransportRequest(method: "GE T", url: "http://127.0.0.1:9/")
        let badScheme = HTTPTransportRequest(url: "file:///etc/passwd")
        for request in badHeaders + [badMethod] {
            let error = await #expect(throws: HTTPTransportError.self) { try await client.send(request) }
            guard case .invalidRequest = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                continue
            }
            #expect(error?.isTransient == false)
        }
        let schemeError = await #expect(throws: HTTPTransportError.self) { try await client.send(badScheme) }
        #expect(schemeError?.isTransient == false)
        await client.shutdown()
    }
}
