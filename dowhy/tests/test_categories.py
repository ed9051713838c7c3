"""Strings and chars recorded as category codes: no fit fails on how many distinct values they take, and the model's
notes say how such a node is modelled."""

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


def fit(server, params):
    response = call(server, "fit", params)
    assert "result" in response, response
    return response["result"]


def test_given_char_codes_with_95_values_as_a_parent_when_fitted_then_the_effect_is_the_code_difference(server):
    c = np.random.default_rng(0).integers(32, 127, 300).astype(float)
    params = synthetic.request({"c": c, "digit": c - 48.0}, [("c", "digit")], {"c": "categorical"})

    result = fit(server, params)
    effect = call(server, "effect", {"model": result["model"], "intervention": {"set": {"c": {"from": 50, "to": 55}}}})

    assert result["mechanism"]["digit"] == "linear-exact"
    assert effect["result"]["effects"]["digit"]["value"] == approx(5.0)


def test_given_a_categorical_node_with_more_than_50_values_when_fitted_then_a_tree_without_auto_assignment(server):
    x = synthetic.uniform(0.0, 120.0, 400)
    params = synthetic.request({"x": x, "s": np.floor(x)}, [("x", "s")], {"s": "categorical"})

    result = fit(server, params)

    assert result["mechanism"]["s"] == "tree"  # a held-out row falls between two traced values of another floor
    assert any(note.startswith("`s` takes 1") and "without auto-assignment" in note
               for note in result["notes"])


def test_given_rare_categories_that_break_auto_assignment_when_fitted_then_a_tree_and_a_note_instead(server):
    rng = np.random.default_rng(0)
    x = rng.uniform(0.0, 30.0, 60)
    label = np.where(rng.integers(0, 3, 60) == 0, np.floor(x), (np.floor(x) + 1.0) % 30.0)  # ambiguous, rare classes
    params = synthetic.request({"x": x, "s": label}, [("x", "s")], {"s": "categorical"})

    result = fit(server, params)

    assert result["mechanism"]["s"] == "tree"
    assert any("too rare for DoWhy's automatic model choice" in note for note in result["notes"])


def test_given_a_categorical_root_with_many_values_when_its_child_is_queried_then_it_answers(server):
    codes = np.random.default_rng(1).integers(0, 500, 300).astype(float)
    params = synthetic.request({"code": codes, "y": 2.0 * codes}, [("code", "y")], {"code": "categorical"})
    model = fit(server, params)["model"]

    effect = call(server, "effect", {"model": model, "intervention": {"set": {"code": {"from": 3, "to": 7}}}})

    assert effect["result"]["effects"]["y"]["value"] == approx(8.0)
