"""Numbers survive the wire: non-finite values in (dropped and counted), full precision and any magnitude both ways,
non-finite values out as the strings "NaN", "Infinity", "-Infinity" (strict JSON), unknown fields ignored."""

import io
import json
import math
import random

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy import wire
from liftsys_dowhy.server import Server, serve


@pytest.fixture(scope="module")
def server():
    return Server()


def fit_line(server, line):
    response = server.handle_line(line)
    assert "result" in response, response
    return json.loads(json.dumps(response))["result"]


def test_given_non_finite_floats_when_encoded_then_strings_and_strict_json():
    value = {"a": [math.nan, math.inf, -math.inf, 1e50, -1e-300], "b": (np.float64("nan"), 0.5), "c": "NaN"}

    encoded = wire.encode(value)

    assert encoded == {"a": ["NaN", "Infinity", "-Infinity", 1e50, -1e-300], "b": ["NaN", 0.5], "c": "NaN"}
    json.dumps(encoded, allow_nan=False)


def test_given_every_encoding_when_read_as_a_column_number_then_the_double_or_none():
    assert math.isnan(wire.column_number("NaN")) and math.isnan(wire.column_number(None))
    assert wire.column_number("Infinity") == math.inf and wire.column_number("-Infinity") == -math.inf
    assert wire.column_number(10**400) == math.inf and wire.column_number(True) == 1.0
    assert wire.column_number("nan") is None and wire.column_number("x") is None and wire.column_number(2.5) == 2.5


def test_given_any_double_when_written_and_read_then_every_bit_is_kept():
    rng = random.Random(3)
    values = [0.1, -0.0, 5e-324, 1.7976931348623157e308, 1e50, -1e-300, 1 / 3]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-300, 300) for _ in range(2000)]

    back = [wire.column_number(v) for v in json.loads(json.dumps(wire.encode(values), allow_nan=False))]

    assert [v.hex() for v in back] == [v.hex() for v in values]


def test_given_a_result_with_nan_when_answered_then_it_travels_as_a_string(server):
    server._methods["nan-result"] = lambda params: {"r2": {"y": math.nan}, "high": math.inf}
    try:
        line = serve_one(server, {"id": 5, "method": "nan-result", "params": {}})
    finally:
        del server._methods["nan-result"]

    assert json.loads(line) == {"id": 5, "result": {"r2": {"y": "NaN"}, "high": "Infinity"}}


def test_given_every_non_finite_encoding_when_fitting_then_those_rows_are_dropped_counted_and_the_rest_fitted(server):
    params = synthetic.linear_chain(rows=20)
    params["data"]["y"][1] = "NaN"
    params["data"]["y"][2] = None
    params["data"]["z"][3] = "-Infinity"
    params["data"]["x"][4] = 10**400  # an integer no double holds
    line = json.dumps({"id": 1, "method": "fit", "params": params})
    line = line.replace(json.dumps(params["data"]["z"][5]), "Infinity", 1).replace(
        json.dumps(params["data"]["z"][6]), "NaN", 1)

    result = fit_line(server, line)

    assert result["received"] == 20 and result["rows"] == 14
    assert result["dropped"] == {"rows": 6, "byNode": {"x": 1, "y": 2, "z": 3}}
    assert result["mechanism"]["z"] == "linear-exact"
    assert any("6 of 20 runs" in note for note in result["notes"])


@pytest.mark.parametrize("scale", [1e50, -1e-300, 1e300, 123456789.123456789])
def test_given_a_coefficient_of_any_magnitude_when_shifting_then_the_effect_comes_back_to_the_last_bit(server, scale):
    x = synthetic.uniform(0.0, 1.0, 50)
    model = call(server, "fit", synthetic.request({"x": x, "y": scale * x}, [("x", "y")]))["result"]["model"]

    line = json.dumps(server.handle_line(json.dumps(
        {"id": 2, "method": "effect", "params": {"model": model, "intervention": {"set": {"x": {"from": 0, "to": 1}}}}})))
    effect = json.loads(line)["result"]["effects"]["y"]

    assert effect["value"] == approx(scale, rel=1e-12)
    assert float(repr(effect["value"])) == effect["value"]
    assert "NaN" not in line and "Infinity" not in line


def test_given_an_effect_that_overflows_when_estimated_then_infinity_as_a_string_and_a_reason(server):
    x = synthetic.uniform(0.0, 1.0, 50)
    model = call(server, "fit", synthetic.request({"x": x, "y": 1e300 * x}, [("x", "y")]))["result"]["model"]

    effect = call(server, "effect", {"model": model, "intervention": {"shift": {"x": 1e10}}})["result"]["effects"]["y"]

    assert effect["value"] == "Infinity"
    assert "non-finite" in [r["code"] for r in effect["reasons"]] and effect["unreliable"] is True


def test_given_a_non_finite_intervention_when_querying_then_bad_request(server):
    model = call(server, "fit", synthetic.linear_chain())["result"]["model"]
    line = '{"id": 3, "method": "effect", "params": {"model": "%s", "intervention": {"shift": {"x": NaN}}}}' % model

    response = server.handle_line(line)

    assert response["error"]["code"] == "bad-request" and "finite" in response["error"]["message"]


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
