"""Effects observation cannot tell: collinear parents are found and named, experiment rows (``intervened``) make them
identifiable, and an effect still not identifiable after experiments gives no number."""

import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


def collinear(rows=200, experiment_rows=0, randomised=True):
    """base = 2x + 1; out = 3 base - 4; return = out + x. Shifting base by 1 moves return by exactly 3.

    ``experiment_rows`` more rows have base set independently of x (uniform over its range), marked intervened."""
    x = synthetic.uniform(-10.0, 10.0, rows + experiment_rows)
    base = 2.0 * x + 1.0
    if randomised and experiment_rows:
        base[rows:] = synthetic.uniform(-19.0, 21.0, experiment_rows, seed=9)
    out = 3.0 * base - 4.0
    params = synthetic.request({"x": x, "base": base, "out": out, "return": out + x},
                               [("x", "base"), ("base", "out"), ("out", "return"), ("x", "return")])
    if experiment_rows:
        params["intervened"] = [[] for _ in range(rows)] + [["base"] for _ in range(experiment_rows)]
    return params


def effect_on_return(server, params):
    fitted = call(server, "fit", params)
    assert "result" in fitted, fitted
    query = {"model": fitted["result"]["model"], "intervention": {"shift": {"base": 1.0}}, "targets": ["return"]}
    return fitted["result"], call(server, "effect", query)["result"]["effects"]["return"]


def test_given_a_local_subject_collinear_with_an_input_when_querying_then_not_identifiable_naming_both(server):
    _, effect = effect_on_return(server, collinear())

    assert effect["identifiable"] is False and effect["unreliable"] is True
    assert effect["collinear"] == [{"node": "return", "moved": "out", "given": ["x"], "r2": approx(1.0)}]
    assert effect["experiment"] == ["base"]
    reason = next(r for r in effect["reasons"] if r["code"] == "not-identifiable")
    assert "`out` is a function of `x`" in reason["message"] and "`base` set independently" in reason["message"]
    assert effect["value"] is not None  # a client that runs no experiments still gets its number, flagged


def test_given_experiment_rows_with_the_subject_set_independently_when_refitted_then_the_effect_is_exact(server):
    fit, effect = effect_on_return(server, collinear(experiment_rows=100))

    assert effect["identifiable"] is True and "collinear" not in effect
    assert effect["value"] == approx(3.0, abs=1e-9) and effect["exact"] is True
    assert fit["intervened"] == {"base": 100}
    assert fit["mechanism"]["base"] == "linear-exact" and fit["r2"]["base"] == approx(1.0)


def test_given_experiments_that_did_not_separate_them_when_refitted_then_no_number_and_why(server):
    _, effect = effect_on_return(server, collinear(experiment_rows=50, randomised=False))

    assert effect["value"] is None and effect["low"] is None and effect["high"] is None
    assert effect["identifiable"] is False and "not-identifiable" in [r["code"] for r in effect["reasons"]]


def test_given_parents_that_move_together_when_querying_then_no_collinearity_is_reported(server):
    x = synthetic.uniform(-5.0, 5.0, 200)
    e = 4.0 * (x + 1.0) - 1.0
    params = synthetic.request({"x": x, "e": e, "return": e - x}, [("x", "e"), ("e", "return"), ("x", "return")])

    model = call(server, "fit", params)["result"]["model"]

    effect = call(server, "effect", {"model": model, "intervention": {"shift": {"x": 1.0}}})["result"]["effects"]["return"]

    assert effect["identifiable"] is True and effect["value"] == approx(3.0) and effect["reasons"] == []


def test_given_an_intervened_row_naming_an_unknown_node_when_fitting_then_bad_request(server):
    params = collinear(rows=10, experiment_rows=2)
    params["intervened"][11] = ["ghost"]

    response = call(server, "fit", params)

    assert response["error"]["code"] == "bad-request" and "ghost" in response["error"]["message"]


def test_given_intervened_of_the_wrong_length_when_fitting_then_bad_request(server):
    params = collinear(rows=10, experiment_rows=2)
    params["intervened"] = params["intervened"][:-1]

    assert call(server, "fit", params)["error"]["code"] == "bad-request"


def test_given_a_node_set_by_experiments_in_almost_every_row_when_fitting_then_bad_request_saying_so(server):
    params = collinear(rows=3, experiment_rows=20)

    response = call(server, "fit", params)

    assert response["error"]["code"] == "bad-request" and "'base'" in response["error"]["message"]


def test_given_experiment_rows_that_drew_the_subject_beyond_its_values_when_shifted_then_not_extrapolated(server):
    """base is 2x + 1 in [-19, 21] in the traced rows; an experiment drew it in [20, 26] (up to where a shift of 5 takes
    it). Shifting by 5 moves its own values within the range of the kept rows; the draws, which would mostly leave
    it, are not what it shifts."""
    params = collinear(experiment_rows=200, randomised=False)
    base = params["data"]["base"]
    drawn = synthetic.uniform(20.0, 26.0, 200, seed=11)
    for i, v in enumerate(drawn):
        base[200 + i] = float(v)
        params["data"]["out"][200 + i] = 3.0 * float(v) - 4.0
        params["data"]["return"][200 + i] = params["data"]["out"][200 + i] + params["data"]["x"][200 + i]
    params["intervened"] = [[] for _ in range(200)] + [["base"] for _ in range(200)]
    fitted = call(server, "fit", params)["result"]
    query = {"model": fitted["model"], "intervention": {"shift": {"base": 5.0}}, "targets": ["return"]}
    effect = call(server, "effect", query)["result"]["effects"]["return"]

    assert effect["value"] == approx(15.0, abs=1e-9)
    assert [r["code"] for r in effect["reasons"]] == []
