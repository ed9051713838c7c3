"""Intervals carry model error: a misfit near the intervention widens them, so they cover the truth; exact
mechanisms keep them tight; a step a tree cannot place between traced values widens them to both sides."""

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


def answer(server, columns, edges, intervention, target, types=None, rows_seed=0):
    fitted = call(server, "fit", synthetic.request(columns, edges, types))
    assert "result" in fitted, fitted
    query = {"model": fitted["result"]["model"], "intervention": intervention, "targets": [target], "seed": rows_seed}
    return fitted["result"], call(server, "effect", query)["result"]


def covers(effect, truth):
    return effect["low"] <= truth <= effect["high"]


@pytest.mark.parametrize("rows", [120, 200])
def test_given_a_curve_interpolated_between_traced_values_when_set_then_the_interval_covers_the_truth(server, rows):
    x = synthetic.uniform(0.0, 100.0, rows, seed=4)

    fit, result = answer(server, {"x": x, "r": np.sqrt(x)}, [("x", "r")], {"set": {"x": {"from": 4.0, "to": 9.0}}}, "r")

    effect = result["effects"]["r"]
    assert fit["mechanism"]["r"].startswith("interpolation")
    assert covers(effect, 1.0) and effect["high"] > effect["low"]
    assert effect["exact"] is False and result["modelReplicates"] == 100


def test_given_a_kink_between_two_traced_values_when_set_across_it_then_the_interval_reaches_the_truth(server):
    x = np.concatenate([np.linspace(0.0, 4.0, 60), np.linspace(6.0, 10.0, 60)])  # nothing traced in (4, 6)

    _, result = answer(server, {"x": x, "y": np.maximum(x - 5.0, 0.0)}, [("x", "y")],
                       {"set": {"x": {"from": 3.0, "to": 5.5}}}, "y")

    effect = result["effects"]["y"]
    assert effect["value"] == approx(0.75)  # the chord from (4, 0) to (6, 1) at 5.5
    assert covers(effect, 0.5)


def test_given_a_step_at_a_value_never_traced_when_set_to_it_then_the_interval_holds_both_sides(server):
    n = np.array([v for v in range(0, 101) if v != 50] * 2, dtype=float)  # 50 itself is never traced

    fit, result = answer(server, {"n": n, "r": np.where(n >= 50, 1.0, 0.0)}, [("n", "r")],
                         {"set": {"n": {"from": 45.0, "to": 50.0}}}, "r")

    effect = result["effects"]["r"]
    assert fit["mechanism"]["r"] == "tree-exact"
    assert effect["low"] <= 0.0 and effect["high"] >= 1.0


def test_given_a_step_away_from_the_intervention_when_set_then_the_tree_is_exact_and_the_interval_zero_width(server):
    _, result = answer(server, *_step(), {"set": {"x": {"from": 0.5, "to": 5.5}}}, "fee")

    effect = result["effects"]["fee"]
    assert effect["value"] == effect["low"] == effect["high"] == approx(3.0) and effect["exact"] is True


def _step():
    x = synthetic.uniform(0.0, 6.0, 300, seed=5)
    return {"x": x, "fee": np.where(x > 3.0, 5.0, 2.0)}, [("x", "fee")]


def test_given_an_auto_assigned_misfit_when_set_then_the_interval_is_wider_than_its_error(server):
    a = synthetic.uniform(0.0, 3.0, 300, seed=6)
    b = synthetic.uniform(0.0, 3.0, 300, seed=7)
    r = np.sin(a * b)  # two inputs, no cheap mechanism holds it

    fit, result = answer(server, {"a": a, "b": b, "r": r}, [("a", "r"), ("b", "r")],
                         {"set": {"a": {"from": 0.5, "to": 1.0}, "b": {"from": 1.0, "to": 1.0}}}, "r")

    effect = result["effects"]["r"]
    truth = np.sin(1.0) - np.sin(0.5)
    assert not fit["exact"]["r"]
    assert covers(effect, truth) and effect["high"] - effect["low"] >= abs(effect["value"] - truth)


def test_given_a_boolean_target_with_model_error_when_set_then_the_interval_stays_a_change_of_probability(server):
    a = synthetic.uniform(-5.0, 5.0, 200, seed=8)
    b = synthetic.uniform(-5.0, 5.0, 200, seed=9)

    _, result = answer(server, {"a": a, "b": b, "ok": (a > 0) & (b > 0)}, [("a", "ok"), ("b", "ok")],
                       {"set": {"a": {"from": -1.0, "to": 1.0}, "b": {"from": 1.0, "to": 1.0}}}, "ok",
                       {"ok": "boolean"})

    effect = result["effects"]["ok"]
    assert -1.0 <= effect["low"] <= effect["high"] <= 1.0
    assert covers(effect, 1.0)
