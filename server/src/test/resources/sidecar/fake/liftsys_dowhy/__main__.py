"""Fake sidecar. Its behaviour is the first word of the file named by $FAKE_SIDECAR_MODE, read at start and again
for every request, so a test can change it while the process runs:

  ok          answers hello, fit, effect, drop with canned results
  hang        answers hello; never answers anything else
  die         answers hello; exits (code 1) on any other request, without answering
  garbage     answers hello; prints a line that is not JSON for any other request
  slow-start  sleeps $FAKE_SIDECAR_START_MS (default 3000) before serving, then acts as ok
  exit        exits at once with an import error on stderr, before reading anything
  reject      answers hello; answers every other request with a bad-request error

Every request's method is appended, one per line, to the file named by $FAKE_SIDECAR_LOG when it is set, as it
arrives, so a test can count the calls that reached a sidecar.
"""

import json
import os
import sys
import time


def mode():
    with open(os.environ["FAKE_SIDECAR_MODE"], encoding="utf-8") as f:
        return (f.read().split() or ["ok"])[0]


def answer(request_id, result=None, error=None):
    body = {"id": request_id, "error": error} if error else {"id": request_id, "result": result}
    sys.stdout.write(json.dumps(body) + "\n")
    sys.stdout.flush()


def result_for(method, params):
    if method == "hello":
        return {"ready": True, "versions": {"python": "fake", "dowhy": "0.14"}, "protocol": 1, "pid": os.getpid()}
    if method == "fit":
        nodes = [n["id"] for n in params["graph"]["nodes"]]
        return {"model": "fake-model", "r2": {n: 1.0 for n in nodes[1:]},
                "mechanism": {n: "linear-exact" for n in nodes}, "fitMillis": 1, "cached": False}
    if method == "effect":
        targets = params.get("targets") or ["y"]
        return {"effects": {t: {"value": 2.0, "low": 1.5, "high": 2.5} for t in targets}, "level": params["level"]}
    if method == "drop":
        return {"dropped": True}
    return None


def main():
    started = mode()
    if started == "exit":
        sys.stderr.write("ModuleNotFoundError: No module named 'dowhy' (fake)\n")
        sys.exit(3)
    if started == "slow-start":
        time.sleep(int(os.environ.get("FAKE_SIDECAR_START_MS", "3000")) / 1000.0)
    for line in sys.stdin:
        request = json.loads(line)
        method, current = request["method"], mode()
        if os.environ.get("FAKE_SIDECAR_LOG"):
            with open(os.environ["FAKE_SIDECAR_LOG"], "a", encoding="utf-8") as log:
                log.write(method + "\n")
        if method != "hello" and current == "hang":
            time.sleep(3600)
        if method != "hello" and current == "die":
            sys.stderr.write("fake sidecar dies mid-request\n")
            sys.stderr.flush()
            os._exit(1)
        if method != "hello" and current == "garbage":
            sys.stdout.write("Traceback (most recent call last): this is not JSON\n")
            sys.stdout.flush()
            continue
        if method != "hello" and current == "reject":
            answer(request["id"], error={"code": "bad-request", "message": "fake says no"})
            continue
        answer(request["id"], result_for(method, request.get("params", {})))


main()
