"""Starts the real `convener serve` for acceptance tests and talks to it over HTTP."""

import json
import os
import pathlib
import signal
import subprocess
import threading
import time
import http.client

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("CONVENER_BIN", str(REPO / ".build" / "debug" / "convener"))


class Daemon:
    """One `convener serve` child process on a free loopback port."""

    def __init__(self, workdir: pathlib.Path, state_dir: pathlib.Path, extra_args=(), env=None):
        self.workdir = workdir
        self.state_dir = state_dir
        self.extra_args = list(extra_args)
        self.env = env
        self.process = None
        self.port = None
        self.output = []

    def start(self, timeout=30.0):
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENER_", "SLACK_", "DISCORD_", "MATTERMOST_", "TEAMS_", "MATRIX_"))}
        environment.update(self.env or {})
        self.output = []
        self.process = subprocess.Popen(
            [BINARY, "serve", "--listen", "127.0.0.1:0", "--state-dir", str(self.state_dir), *self.extra_args],
            cwd=self.workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=environment,
        )
        ready = threading.Event()

        def pump():
            for line in self.process.stdout:
                self.output.append(line.rstrip("\n"))
                if line.startswith("Listening on http://127.0.0.1:"):
                    self.port = int(line.strip().rsplit(":", 1)[1])
                    ready.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not ready.wait(0.05):
            if self.process.poll() is not None:
                time.sleep(0.2)
                raise RuntimeError("convener exited during start-up:\n" + "\n".join(self.output))
            if time.monotonic() > deadline:
                self.kill()
                raise RuntimeError("convener did not start in time:\n" + "\n".join(self.output))
        return self

    def request(self, method, path, body=None, raw=None, headers=None, timeout=10):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
            all_headers = {"Content-Type": "application/json"} if payload is not None else {}
            all_headers.update(headers or {})
            connection.request(method, path, body=payload, headers=all_headers)
            response = connection.getresponse()
            data = response.read()
            return response.status, data, {k.lower(): v for k, v in response.getheaders()}
        finally:
            connection.close()

    def post(self, path, body):
        status, data, _ = self.request("POST", path, body)
        return status, (json.loads(data) if data else None)

    def say(self, member, text):
        """Types `text` as `member` in the playground; returns the replies, asserting a 200."""
        status, answer = self.post("/playground/api/messages", {"member": member, "text": text})
        assert status == 200, answer
        return answer["replies"]

    def click(self, member, message, action):
        status, answer = self.post("/playground/api/actions", {"member": member, "message": message, "action": action})
        assert status == 200, answer
        return answer["replies"]

    def timeline(self, member, after=0):
        status, data, _ = self.request("GET", f"/playground/api/timeline?member={member}&after={after}")
        assert status == 200, data
        return json.loads(data)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise
        return self.process.returncode if self.process else None

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def wait_for(predicate, timeout=15.0):
    """Polls `predicate` until it gives something truthy (returned) or `timeout` seconds pass (its last answer)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def run_cli(*args, cwd=None, check=True):
    """Runs `convener ARGS…` and returns the completed process."""
    result = subprocess.run([BINARY, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"convener {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def state_dir(tmp_path):
    return tmp_path / "state"


@pytest.fixture
def make_daemon(tmp_path, state_dir):
    started = []

    def make(extra_args=(), env=None, state=None):
        daemon = Daemon(tmp_path, state or state_dir, extra_args, env)
        started.append(daemon)
        return daemon

    yield make
    for daemon in started:
        daemon.kill()


@pytest.fixture
def daemon(make_daemon):
    return make_daemon().start()


@pytest.fixture(scope="session")
def synapse(tmp_path_factory):
    """One real Synapse homeserver for the whole session, on a free loopback port (see matrix_homeserver.py)."""
    pytest.importorskip("synapse", reason="matrix-synapse is in Tests/requirements.txt")
    from matrix_homeserver import Synapse

    server = Synapse(tmp_path_factory.mktemp("synapse")).start()
    yield server
    server.stop()
