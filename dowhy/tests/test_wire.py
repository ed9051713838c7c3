"""The protocol's numbers: NaN and the infinities travel as strings, finite numbers keep every bit, unknown fields are
ignored, and non-finite inputs are still refused where the protocol needs finite ones."""

import io
import json
import math
import random

import numpy as np
import pytest

import synthetic
from synthetic import call
from liftsys_dowhy import wire
from liftsys_dowhy.server import Server, serve


@pytest.fixture(scope="module")
def server():
    return Server()


def test_given_non_finite_floats_when_encoded_then_strings_and_strict_json():
    value = {"a": [math.nan, math.inf, -math.inf, 1e50, -1e-300], "b": (np.float64("nan"), 0.5), "c": "NaN"}

    encoded = wire.encode(value)

    assert encoded == {"a": ["NaN", "Infinity", "-Infinity", 1e50, -1e-300], "b": ["NaN", 0.5], "c": "NaN"}
    json.dumps(encoded, allow_nan=False)


def test_given_protocol_strings_when_read_as_numbers_then_the_floats_and_other_values_unchanged():
    assert math.isnan(wire.number("NaN"))
    assert wire.number("Infinity") == math.inf and wire.number("-Infinity") == -math.inf
    assert wire.number("nan") == "nan" and wire.number("x") == "x" and wire.number(2.5) == 2.5


def test_given_any_double_when_written_and_read_then_every_bit_is_kept():
    rng = random.Random(3)
    values = [0.1, -0.0, 5e-324, 1.7976931348623157e308, 1e50, -1e-300, 1 / 3]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-300, 300) for _ in range(2000)]

    back = [wire.number(v) for v in json.loads(json.dumps(wire.encode(values), allow_nan=False))]

    assert [v.hex() for v in back] == [v.hex() for v in values]


def test_given_a_result_with_nan_when_answered_then_it_travels_as_a_string(server):
    server._methods["nan-result"] = lambda params: {"r2": {"y": math.nan}, "high": math.inf}
    try:
        line = serve_one(server, {"id": 5, "method": "nan-result", "params": {}})
    finally:
        del server._methods["nan-result"]

    assert json.loads(line) == {"id": 5, "result": {"r2": {"y": "NaN"}, "high": "Infinity"}}


def test_given_a_column_with_nan_as_a_string_when_fitting_then_bad_request_naming_the_non_finite_row(server):
    params = synthetic.linear_chain(rows=20)
    params["data"]["y"][3] = "NaN"

    response = call(server, "fit", params)

    assert response["error"]["code"] == "bad-request"
    assert "non-finite" in response["error"]["message"] and "row 3" in response["error"]["message"]


def test_given_an_infinite_shift_as_a_string_when_querying_then_bad_request(server):
    model = call(server, "fit", synthetic.linear_chain(rows=50))["result"]["model"]

    response = call(server, "effect", {"model": model, "intervention": {"shift": {"x": "Infinity"}}})

    assert response["error"]["code"] == "bad-request" and "finite" in response["error"]["message"]


def test_given_unknown_fields_everywhere_when_fitting_and_querying_then_they_are_ignored(server):
    params = synthetic.linear_chain(rows=50)
    params["future"] = {"nested": [1, 2]}
    params["graph"]["layout"] = "dot"
    params["graph"]["nodes"][0]["colour"] = "red"
    fit = call(server, "fit", params)

    effect = call(server, "effect", {"model": fit["result"]["model"], "intervention": {"shift": {"x": 1.0}},
                                     "targets": ["y"], "explain": True})

    assert effect["result"]["effects"]["y"]["value"] == pytest.approx(2.0, abs=1e-9)


def serve_one(server, request):
    out = io.StringIO()
    serve(io.StringIO(json.dumps(request) + "\n"), out, server)
    return out.getvalue().strip()
