"""A JSON-RPC client at the level of bytes, for messages a real client library would refuse to send.

It starts ./liftsys serve, writes frames (any bytes, any headers) to its stdin and reads the
server's frames from its stdout on a thread, so a test can wait for the answer with a given id.
"""

import json
import pathlib
import queue
import subprocess
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


class RawServer:
    def __init__(self):
        self.process = subprocess.Popen(
            [str(ROOT / "liftsys"), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.answers = {}
        self.notifications = []
        self.ended = threading.Event()
        self._arrived = threading.Condition()
        self.stderr = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _read(self):
        out = self.process.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.ended.set()
                    with self._arrived:
                        self._arrived.notify_all()
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, value = line.split(":", 1)
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(out.read(length))
            with self._arrived:
                if "id" in message and "method" not in message:
                    self.answers.setdefault(json.dumps(message["id"]), []).append(message)
                elif "method" in message:
                    self.notifications.append(message)
                    if "id" in message:  # a request from the server: answer it so it does not wait
                        self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self._arrived.notify_all()

    def _drain_stderr(self):
        for line in self.process.stderr:
            self.stderr.append(line.decode(errors="replace"))

    def send_bytes(self, body: bytes, headers: bytes = None):
        if headers is None:
            headers = b"Content-Length: %d\r\n\r\n" % len(body)
        self.process.stdin.write(headers + body)
        self.process.stdin.flush()

    def send(self, message):
        self.send_bytes(json.dumps(message).encode())

    def answer(self, id, timeout=20.0):
        """The answer to the request with this id (the JSON value), waiting at most timeout seconds."""
        key = json.dumps(id)
        deadline = time.monotonic() + timeout
        with self._arrived:
            while not self.answers.get(key):
                left = deadline - time.monotonic()
                if left <= 0 or self.ended.is_set():
                    raise AssertionError(f"no answer to id {key} within {timeout}s; stderr tail: {self.stderr[-5:]}")
                self._arrived.wait(left)
            return self.answers[key].pop(0)

    def request(self, id, method, params=None, timeout=20.0):
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.answer(id, timeout)

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def close(self):
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(10)
