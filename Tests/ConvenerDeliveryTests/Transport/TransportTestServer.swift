import Foundation

/// A local HTTP/1.1 keep-alive server (Python standard library) that the transport tests talk to.
///
/// Routes: `/ok` (200, body `hello`), `/echo` (200, echoes the body), `/429` (429, `Retry-After: 7` and JSON
/// `retry_after`), `/500`, `/slow?ms=N` (200 after N ms), `/__requests` (JSON list of what was received).
final class TransportTestServer: Sendable {
    /// One request as the server saw it.
    struct Received: Decodable, Sendable {
        let method: String
        let path: String
        let headers: [String: String]
        let body: String
        let clientPort: Int
    }

    let port: Int
    private let process: Process
    private let input: Pipe

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        let process = Process()
        if let python = environment["CONVENER_PYTHON"] {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", Self.script]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", Self.script]
        }
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        while true {
            let chunk = try output.fileHandleForReading.read(upToCount: 1) ?? Data()
            guard let byte = chunk.first else { break }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw TestServerError.noPort
        }
        self.port = port
        self.process = process
        self.input = input
    }

    /// Stops the server and waits until it has exited (its port then refuses connections).
    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    enum TestServerError: Error { case noPort }

    private static let script = #"""
        import json, os, signal, sys, threading, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        from urllib.parse import urlparse, parse_qs

        received = []
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are separate writes; Nagle would add 40 ms per reply
            def log_message(self, *args):
                pass
            def reply(self, status, body=b"", headers=()):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = urlparse(self.path)
                if url.path == "/__requests":
                    with lock:
                        data = json.dumps(received).encode()
                    return self.reply(200, data, [("Content-Type", "application/json")])
                with lock:
                    received.append({"method": self.command, "path": self.path,
                                     "headers": {k.lower(): v for k, v in self.headers.items()},
                                     "body": body.decode("latin-1"), "clientPort": self.client_address[1]})
                if url.path == "/ok":
                    self.reply(200, b"hello", [("X-Test", "yes"), ("Content-Type", "text/plain")])
                elif url.path == "/echo":
                    self.reply(200, body, [("Content-Type", self.headers.get("Content-Type") or "")])
                elif url.path == "/429":
                    self.reply(429, b'{"message": "slow down", "retry_after": 1.5, "global": false}',
                               [("Retry-After", "7"), ("Content-Type", "application/json")])
                elif url.path == "/500":
                    self.reply(500, b"boom")
                elif url.path == "/slow":
                    time.sleep(int(parse_qs(url.query).get("ms", ["1000"])[0]) / 1000)
                    try:
                        self.reply(200, b"late")
                    except OSError:
                        pass
                else:
                    self.reply(404, b"no route")
            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256
            def handle_error(self, request, client_address):
                pass

        # The parent may spawn us with signals blocked; and we exit when its end of stdin closes, even if it crashed.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
        def watch_stdin():
            sys.stdin.buffer.read()
            os._exit(0)
        threading.Thread(target=watch_stdin, daemon=True).start()
        server = Server(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
