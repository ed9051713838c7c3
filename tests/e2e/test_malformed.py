"""Malformed messages over real stdio: every one is answered (requests) or logged (notifications),
the framing holds, the lifecycle is enforced, and the server answers correctly afterwards."""

import itertools
import json

import pytest

from conftest import PRICING
from rawrpc import RawServer
from test_protocol import position_of

URI = "file:///work/malformed/Pricing.java"
OTHER = "file:///work/malformed/Other.java"  # never the document the valid questions are about

REQUESTS = [
    "textDocument/hover",
    "textDocument/codeLens",
    "codeLens/resolve",
    "textDocument/inlayHint",
    "workspace/executeCommand",
    "liftsys/causalImpact",
    "liftsys/methodGraph",
    "shutdown",  # only shapes it must refuse are sent: an accepted shutdown would end the sweep
    "initialize",  # refused as a second initialize whatever its params
]
NOTIFICATIONS = [
    "initialized",
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/didSave",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWatchedFiles",
    "window/workDoneProgress/cancel",
    "$/cancelRequest",
    "$/setTrace",
]
# Responses the server never asked for: logged, never answered.
STRAY_RESPONSES = [
    {"jsonrpc": "2.0", "id": 77777, "result": 5},
    {"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "the client could not parse something"}},
    {"jsonrpc": "2.0", "id": "r1", "error": "not an error object"},
]
MISSING = object()
# Params that fit no method the server registers: shapes, wrong field types, missing fields,
# out-of-range numbers. Each is sent to every method above.
BAD_PARAMS = [
    MISSING,
    None,
    [],
    [1, 2],
    [[{"textDocument": {"uri": OTHER}}], 2],
    7,
    -1,
    2.5,
    "text",
    True,
    {"textDocument": 5},
    {"textDocument": {"uri": 5}, "position": {"line": "x", "character": 0}},
    {"textDocument": {"uri": OTHER}, "position": {"line": 1.5, "character": 0}},
    {"textDocument": {"uri": OTHER}, "position": {"line": 99999999999, "character": 0}},
    {"textDocument": [], "position": [], "range": [], "command": [], "settings": [], "changes": 3, "id": {}},
    {"textDocument": {"uri": None}, "position": None, "contentChanges": "x", "arguments": 4, "value": []},
    {"range": {"start": {"line": "a"}}, "data": {"deep": [[[[1]]]]}},
]
GARBAGE_FRAMES = [
    b"",
    b"{",
    b"not json at all",
    b'{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}',
    b"[]",
    b'[{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]',
    b"null",
    b"42",
    b'"a string"',
    b'{"jsonrpc": "2.0", "id": 3} trailing',
    b"\xff\xfe\x00 invalid utf-8",
    b"{}",
    b'{"jsonrpc": "2.0"}',
]
# Envelope fields of the wrong type or value: (message, the id the answer must carry).
BAD_ENVELOPES = [
    ({"jsonrpc": "1.0", "id": 910, "method": "textDocument/hover", "params": {}}, 910),
    ({"id": 911, "method": "textDocument/hover", "params": {}}, 911),
    ({"jsonrpc": 2.0, "id": 912, "method": "textDocument/hover", "params": {}}, 912),
    ({"jsonrpc": None, "id": "s913", "method": "liftsys/causalImpact", "params": {}}, "s913"),
    ({"jsonrpc": "2.0", "id": True, "method": "textDocument/hover", "params": {}}, None),
    ({"jsonrpc": "2.0", "id": {"n": 1}, "method": "textDocument/hover", "params": {}}, None),
    ({"jsonrpc": "2.0", "id": [1], "method": "liftsys/causalImpact", "params": {}}, None),
    ({"jsonrpc": "2.0", "id": 1.5, "method": "liftsys/causalImpact", "params": {}}, None),
    ({"jsonrpc": "2.0", "id": 10**20, "method": "liftsys/methodGraph", "params": {}}, None),
    ({"jsonrpc": "2.0", "id": -914, "method": "no/suchMethod", "params": {}}, -914),
    ({"jsonrpc": "2.0", "method": 5, "id": 900}, 900),
    ({"jsonrpc": "2.0", "method": None, "id": 901}, 901),
    ({"jsonrpc": "2.0", "method": ["liftsys/causalImpact"], "id": 902}, 902),
    ({"jsonrpc": "2.0", "id": 903}, 903),
    ({"jsonrpc": "2.0", "id": None, "method": "textDocument/hover", "params": {}}, None),
]


@pytest.fixture
def server():
    raw = RawServer()
    answer = raw.request(0, "initialize", {"capabilities": {}, "initializationOptions": {"liftsys": {"warmUp": False}}})
    assert "capabilities" in answer["result"]
    raw.notify("initialized", {})
    raw.notify("textDocument/didOpen",
               {"textDocument": {"uri": URI, "languageId": "java", "version": 1, "text": PRICING}})
    yield raw
    raw.close()


ids = itertools.count(1000)


def assert_healthy(raw: RawServer):
    """A valid question gets the right answer: the connection is alive and in step."""
    id = next(ids)
    answer = raw.request(id, "liftsys/causalImpact", {
        "textDocument": {"uri": URI}, "position": position_of(PRICING, "double shipping"), "quantify": False})
    assert "result" in answer, answer
    assert answer["result"]["subject"]["name"] == "shipping"
    assert [e["name"] for e in answer["result"]["downstream"]] == ["return"]


def with_params(message, params):
    if params is not MISSING:
        message["params"] = params
    return message


def test_given_200_malformed_messages_when_sent_then_each_request_is_answered_and_the_server_stays_in_step(server):
    sent_requests = answered = notifications = 0  # notifications: anything that must not be answered
    codes = {}
    for method in REQUESTS:
        for params in BAD_PARAMS:
            if method == "shutdown" and params in (MISSING, None, []):
                continue  # a valid shutdown
            id = next(ids)
            server.send(with_params({"jsonrpc": "2.0", "id": id, "method": method}, params))
            answer = server.answer(id)
            sent_requests += 1
            assert "error" in answer, (method, params, answer)
            code = answer["error"]["code"]
            expected = -32600 if method == "initialize" else -32602
            assert code == expected, (method, params, answer)
            assert answer["error"]["message"], (method, params)
            codes[code] = codes.get(code, 0) + 1
            answered += 1
            assert_healthy(server)
    for method in NOTIFICATIONS:
        for params in BAD_PARAMS:
            server.send(with_params({"jsonrpc": "2.0", "method": method}, params))
            notifications += 1
            assert_healthy(server)
    for message in STRAY_RESPONSES:
        server.send(message)
        notifications += 1
        assert_healthy(server)
    for body in GARBAGE_FRAMES:
        server.send_bytes(body)
        sent_requests += 1
        answer = server.answer(None)
        assert answer["error"]["code"] in (-32700, -32600), (body, answer)
        answered += 1
        assert_healthy(server)
    for message, id in BAD_ENVELOPES:
        server.send(message)
        sent_requests += 1
        answer = server.answer(id)
        assert answer["error"]["code"] == (-32601 if message.get("method") == "no/suchMethod" else -32600), answer
        answered += 1
        assert_healthy(server)
    total = sent_requests + notifications
    print(f"sweep: {total} malformed messages ({sent_requests} requests or frames, {notifications} notifications);"
          f" {answered} answered; error codes {codes}")
    assert total >= 200
    assert answered == sent_requests
    assert not server.answers.get("null"), "no answer with a null id left unclaimed"
    assert all("-32603" not in json.dumps(a) for a in server.answers.values()), "no internal errors"
    failures = [line for line in server.stderr if "threw an exception" in line or " failed: " in line]
    assert failures == [], "no handler failed on what got through"


def test_given_params_as_an_array_when_asked_then_invalid_params_and_the_framing_holds(server):
    # The finding of issue 12: this request got no answer and every later message failed with
    # "Missing header Content-Length". A body larger than LSP4J's read buffer made it certain.
    padding = "x" * 20000
    server.send({"jsonrpc": "2.0", "id": 1, "method": "liftsys/causalImpact", "params": [1, 2, padding]})
    answer = server.answer(1)
    assert answer["error"]["code"] == -32602
    assert "params must be an object" in answer["error"]["message"]
    server.send({"jsonrpc": "2.0", "id": 2, "method": "liftsys/causalImpact", "params": [1, 2]})
    assert server.answer(2)["error"]["code"] == -32602
    assert_healthy(server)


def test_given_an_unknown_charset_when_sent_then_read_as_utf8_and_answered(server):
    body = json.dumps({"jsonrpc": "2.0", "id": 5, "method": "liftsys/causalImpact", "params": [1]}).encode()
    server.send_bytes(body, b"Content-Length: %d\r\nContent-Type: application/vscode-jsonrpc; charset=klingon\r\n\r\n"
                      % len(body))
    assert server.answer(5)["error"]["code"] == -32602
    assert_healthy(server)


def test_given_a_request_before_initialize_then_server_not_initialized_and_notifications_dropped():
    raw = RawServer()
    try:
        hover = {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}
        assert raw.request(1, "textDocument/hover", hover)["error"]["code"] == -32002
        assert raw.request(2, "liftsys/causalImpact", {"textDocument": {"uri": URI}})["error"]["code"] == -32002
        assert raw.request(3, "shutdown")["error"]["code"] == -32002
        raw.notify("textDocument/didOpen",
                   {"textDocument": {"uri": URI, "languageId": "java", "version": 1, "text": PRICING}})
        assert "result" in raw.request(4, "initialize", {"capabilities": {}})
        raw.notify("initialized", {})
        answer = raw.request(5, "liftsys/causalImpact", {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        assert answer["error"]["code"] == -32602 and "not open" in answer["error"]["message"], \
            "the didOpen sent before initialize was dropped"
    finally:
        raw.close()


def test_given_a_second_initialize_then_refused_and_the_first_session_goes_on(server):
    answer = server.request(1, "initialize", {"capabilities": {}})
    assert answer["error"]["code"] == -32600
    assert "already" in answer["error"]["message"]
    assert_healthy(server)


def test_given_shutdown_then_requests_are_invalid_and_exit_ends_with_code_0(server):
    assert server.request(1, "shutdown")["result"] is None
    answer = server.request(2, "liftsys/causalImpact", {
        "textDocument": {"uri": URI}, "position": position_of(PRICING, "double shipping"), "quantify": False})
    assert answer["error"]["code"] == -32600
    assert "shutting down" in answer["error"]["message"]
    assert server.request(3, "shutdown")["error"]["code"] == -32600
    server.notify("exit")
    assert server.process.wait(10) == 0


def test_given_exit_without_shutdown_then_the_exit_code_is_1(server):
    server.notify("exit")
    assert server.process.wait(10) == 1
