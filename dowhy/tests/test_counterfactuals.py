"""One recorded run replayed with a change, through the fitted mechanisms with that run's own noise."""

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


def pricing(rows=300):
    """subtotal = price * qty; member gets 10% off; shipping 10 below a net of 200, else 0; return = net + shipping."""
    rng = np.random.default_rng(2)
    price, qty = rng.uniform(1.0, 50.0, rows), rng.integers(1, 10, rows).astype(float)
    member = rng.integers(0, 2, rows).astype(float)
    subtotal = price * qty
    net = subtotal * np.where(member == 1.0, 0.9, 1.0)
    big = net > 200.0
    shipping = np.where(big, 0.0, 10.0)
    columns = {"price": price, "qty": qty, "member": member, "subtotal": subtotal, "net": net, "big": big,
               "shipping": shipping, "return": net + shipping}
    edges = [("price", "subtotal"), ("qty", "subtotal"), ("subtotal", "net"), ("member", "net"), ("net", "big"),
             ("big", "shipping"), ("net", "return"), ("shipping", "return")]
    return synthetic.request(columns, edges, {"member": "boolean", "big": "boolean"})


def by_hand(price, qty, member):
    net = price * qty * (0.9 if member else 1.0)
    return net + (0.0 if net > 200.0 else 10.0)


@pytest.fixture(scope="module")
def pricing_model(server):
    params = pricing()
    return params, call(server, "fit", params)["result"]["model"]


def test_given_a_recorded_run_when_its_price_is_set_then_the_return_is_what_the_code_would_give(server, pricing_model):
    params, model = pricing_model
    row = 7
    qty, member = params["data"]["qty"][row], params["data"]["member"][row]

    result = call(server, "counterfactual", {"model": model, "row": row, "intervention": {"set": {"price": 30.0}},
                                             "targets": ["return"]})["result"]

    assert result["available"] is True
    assert result["factual"]["return"] == approx(by_hand(params["data"]["price"][row], qty, member))
    assert result["counterfactual"]["return"] == approx(by_hand(30.0, qty, member))
    change = result["change"]["return"]
    assert change["value"] == approx(result["counterfactual"]["return"] - result["factual"]["return"])
    assert change["low"] <= change["value"] <= change["high"]


def test_given_a_run_given_by_value_when_shifted_then_the_same_as_by_hand(server, pricing_model):
    _, model = pricing_model
    run = {"price": 20.0, "qty": 3.0, "member": 1.0, "subtotal": 60.0, "net": 54.0, "big": 0.0, "shipping": 10.0,
           "return": 64.0}

    result = call(server, "counterfactual", {"model": model, "run": run, "intervention": {"shift": {"qty": 2.0}}})

    assert result["result"]["counterfactual"]["return"] == approx(by_hand(20.0, 5.0, True))
    assert result["result"]["row"] is None


def test_given_an_uncertain_classifier_on_the_way_when_replayed_then_not_available_and_why(server):
    a = synthetic.uniform(0.0, 1.0, 200, seed=3)
    flip = synthetic.uniform(0.0, 1.0, 200, seed=4) > 0.5  # the flag depends on something not in the graph
    params = synthetic.request({"a": a, "flag": flip, "y": 10.0 * flip + a}, [("a", "flag"), ("flag", "y"), ("a", "y")],
                               {"flag": "boolean"})
    model = call(server, "fit", params)["result"]["model"]

    result = call(server, "counterfactual", {"model": model, "row": 0, "intervention": {"set": {"a": 0.5}}})["result"]

    assert result["available"] is False and "`flag`" in result["reason"] and "counterfactual" not in result


@pytest.mark.parametrize("params, words", [
    ({"row": 10_000}, "does not exist"),
    ({"row": 1, "run": {}}, "exactly one of"),
    ({"row": 1, "intervention": {"set": {"ghost": 1.0}}}, "ghost"),
    ({"run": {"price": 1.0}}, "no value for node"),
])
def test_given_a_bad_counterfactual_request_when_handled_then_bad_request_naming_the_problem(server, pricing_model,
                                                                                          params, words):
    _, model = pricing_model
    request = {"model": model, "intervention": {"set": {"price": 3.0}}, **params}

    response = call(server, "counterfactual", request)

    assert response["error"]["code"] == "bad-request" and words in response["error"]["message"]


def test_given_a_row_dropped_for_nan_when_replayed_then_bad_request_saying_so(server):
    params = synthetic.linear_chain(rows=30)
    params["data"]["y"][4] = "NaN"
    model = call(server, "fit", params)["result"]["model"]

    response = call(server, "counterfactual", {"model": model, "row": 4, "intervention": {"set": {"x": 1.0}}})

    assert response["error"]["code"] == "bad-request" and "left out" in response["error"]["message"]
