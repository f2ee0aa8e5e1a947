"""The Python peer for bench_http.py: Slack Bolt for Python doing what Convener does for `/cop kudos`.

Bolt verifies the signature and timestamp, the handler parses the command, appends the change to a journal
file with fsync (durable before the reply, as Convener's store is) and answers in the channel. The server is
the standard library's threading HTTP server with keep-alive, so wrk's connections stay open as they do
against Convener. Usage: bolt_peer.py PORT SIGNING_SECRET JOURNAL_PATH
"""

import http.server
import json
import os
import sys
import threading

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request import BoltRequest


def make_app(signing_secret, journal_path):
    app = App(
        signing_secret=signing_secret,
        # A fixed authorisation: the peer makes no Web API call, as Convener answers in the HTTP response.
        authorize=lambda **_: AuthorizeResult(enterprise_id=None, team_id="T0001", bot_token="xoxb-bench"),
        ignoring_self_events_enabled=False,
        url_verification_enabled=False,
        ssl_check_enabled=False,
    )
    journal = open(journal_path, "ab")
    journal_lock = threading.Lock()
    given = {}

    @app.command("/cop")
    def cop(ack, command):
        words = command["text"].split(" ", 2)
        if len(words) < 2 or words[0] != "kudos":
            ack(text="Only kudos in this peer.")
            return
        receiver, reason = words[1], words[2] if len(words) > 2 else ""
        record = json.dumps({"kudos": {"from": command["user_id"], "to": receiver, "reason": reason}}).encode()
        with journal_lock:
            given[command["user_id"]] = given.get(command["user_id"], 0) + 1
            journal.write(record + b"\n")
            journal.flush()
            os.fsync(journal.fileno())
        ack(response_type="in_channel", text=f"Kudos to {receiver} from <@{command['user_id']}>: {reason}")

    return app


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    app = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        headers = {name.lower(): [value] for name, value in self.headers.items()}
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        payload = (response.body or "").encode()
        self.send_response(response.status)
        for name, values in response.headers.items():
            if name.lower() != "content-length":
                for value in values:
                    self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *_):
        pass


def main():
    port, secret, journal_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    Handler.app = make_app(secret, journal_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"Listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
