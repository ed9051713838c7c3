"""Numbers survive the wire: non-finite values in, full precision and any magnitude both ways, non-finite out."""

import json
import math

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server
from liftsys_dowhy.wire import encode


@pytest.fixture(scope="module")
def server():
    return Server()


def fit_line(server, line):
    response = server.handle_line(line)
    assert "result" in response, response
    return json.loads(json.dumps(response))["result"]


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


def test_given_an_effect_that_overflows_when_estimated_then_null_with_a_note_and_a_reason(server):
    x = synthetic.uniform(0.0, 1.0, 50)
    model = call(server, "fit", synthetic.request({"x": x, "y": 1e300 * x}, [("x", "y")]))["result"]["model"]

    effect = call(server, "effect", {"model": model, "intervention": {"shift": {"x": 1e10}}})["result"]["effects"]["y"]

    assert effect["value"] is None and effect["nonFinite"]["value"] == "Infinity"
    assert "non-finite" in [r["code"] for r in effect["reasons"]] and effect["unreliable"] is True


def test_given_non_finite_numbers_in_a_result_when_encoded_then_null_and_named_in_the_object_holding_them():
    result = encode({"a": 1.5, "b": math.nan, "c": [1.0, -math.inf], "d": {"e": math.inf}, "f": np.float64(2.0)})

    assert result == {"a": 1.5, "b": None, "c": [1.0, None], "d": {"e": None, "nonFinite": {"e": "Infinity"}},
                      "f": 2.0, "nonFinite": {"b": "NaN", "c[1]": "-Infinity"}}
    json.dumps(result, allow_nan=False)


def test_given_a_non_finite_intervention_when_querying_then_bad_request(server):
    model = call(server, "fit", synthetic.linear_chain())["result"]["model"]
    line = '{"id": 3, "method": "effect", "params": {"model": "%s", "intervention": {"shift": {"x": NaN}}}}' % model

    response = server.handle_line(line)

    assert response["error"]["code"] == "bad-request" and "finite" in response["error"]["message"]
