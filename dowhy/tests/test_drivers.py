"""What drives a value: parents by arrow strength, ancestors by intrinsic causal influence, with intervals."""

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


@pytest.fixture(scope="module")
def ten_a_plus_b(server):
    """return = 10a + b with a and b equally spread: a drives 100 of every 101 parts of return's variance."""
    a = synthetic.uniform(0.0, 1.0, 400, seed=3)
    b = synthetic.uniform(0.0, 1.0, 400, seed=4)
    params = synthetic.request({"a": a, "b": b, "return": 10.0 * a + b}, [("a", "return"), ("b", "return")])
    return call(server, "fit", params)["result"]["model"]


def drivers(server, model, **extra):
    response = call(server, "drivers", {"model": model, "target": "return", "bootstrap": 5, **extra})
    assert "result" in response, response
    return response["result"]


def test_given_return_10a_plus_b_when_ranking_drivers_then_a_comes_first_among_parents_and_ancestors(server,
                                                                                                   ten_a_plus_b):
    result = drivers(server, ten_a_plus_b)

    assert [p["node"] for p in result["parents"]] == ["a", "b"]
    assert [p["node"] for p in result["ancestors"]][:2] == ["a", "b"]
    assert result["parents"][0]["share"] == approx(100 / 101, abs=0.03)
    assert result["ancestors"][0]["share"] == approx(100 / 101, abs=0.03)
    for entry in result["parents"] + result["ancestors"]:
        assert entry["low"] <= entry["value"] <= entry["high"]
    assert result["measure"] == "variance" and result["level"] == 0.95 and result["bootstrap"] == 5


def test_given_a_chain_when_ranking_the_drivers_of_its_end_then_exact_nodes_add_nothing_of_their_own(server):
    model = call(server, "fit", synthetic.linear_chain())["result"]["model"]

    result = call(server, "drivers", {"model": model, "target": "z", "bootstrap": 3})["result"]

    ancestors = {a["node"]: a for a in result["ancestors"]}
    assert ancestors["x"]["share"] == approx(1.0)
    assert ancestors["y"]["value"] == 0.0


def test_given_a_boolean_target_when_ranking_then_its_parent_has_a_finite_strength(server):
    params = synthetic.threshold()
    model = call(server, "fit", params)["result"]["model"]

    result = call(server, "drivers", {"model": model, "target": "flag", "bootstrap": 3})["result"]

    assert [p["node"] for p in result["parents"]] == ["x"] and np.isfinite(result["parents"][0]["value"])
    assert result["parents"][0]["value"] > 0.0


@pytest.mark.parametrize("target, words", [("a", "input of the method"), ("ghost", "not in the model")])
def test_given_a_target_without_inputs_or_unknown_when_ranking_then_bad_request(server, ten_a_plus_b, target, words):
    response = call(server, "drivers", {"model": ten_a_plus_b, "target": target})

    assert response["error"]["code"] == "bad-request" and words in response["error"]["message"]
