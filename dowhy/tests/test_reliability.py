"""Why an effect should not be trusted: every reason, in words and codes, from the whole path, and only when due."""

import numpy as np
import pytest
from pytest import approx

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


def effect_of(server, params, intervention, target, **extra):
    model = call(server, "fit", params)["result"]["model"]
    query = {"model": model, "intervention": intervention, "targets": [target], **extra}
    response = call(server, "effect", query)
    assert "result" in response, response
    return response["result"]["effects"][target]


def codes(effect):
    return [r["code"] for r in effect["reasons"]]


def upstream_misfit(rows=300):
    """x -> r = x + 10u (u is not in the graph: r is predicted badly) -> return = 2r (exact)."""
    x = synthetic.uniform(0.0, 10.0, rows, seed=1)
    u = synthetic.uniform(0.0, 1.0, rows, seed=2)
    r = x + 10.0 * u
    return synthetic.request({"x": x, "r": r, "return": 2.0 * r}, [("x", "r"), ("r", "return")])


def test_given_a_weak_mechanism_upstream_when_its_target_fits_well_then_the_effect_is_unreliable_naming_it(server):
    effect = effect_of(server, upstream_misfit(), {"set": {"x": {"from": 2.0, "to": 4.0}}}, "return")

    weak = [r for r in effect["reasons"] if r["code"] == "weak-fit"]
    assert effect["unreliable"] is True
    assert [r["nodes"] for r in weak] == [["r"]]
    assert "`r`" in weak[0]["message"] and "R²" in weak[0]["message"]


def test_given_a_lower_min_quality_when_asked_then_the_same_mechanism_is_not_weak(server):
    effect = effect_of(server, upstream_misfit(), {"set": {"x": {"from": 2.0, "to": 4.0}}}, "return", minQuality=0.0)

    assert "weak-fit" not in codes(effect)


def test_given_fewer_than_half_the_planned_runs_when_querying_then_few_runs_with_the_counts(server):
    params = dict(synthetic.linear_chain(rows=100), runs={"planned": 300, "kept": 100})

    effect = effect_of(server, params, {"shift": {"x": 1.0}}, "z")

    reason = next(r for r in effect["reasons"] if r["code"] == "few-runs")
    assert "100 of 300 planned runs" in reason["message"]
    assert effect["value"] == approx(-6.0)


def test_given_half_the_planned_runs_or_more_when_querying_then_no_few_runs(server):
    params = dict(synthetic.linear_chain(rows=150), runs={"planned": 300, "kept": 150})

    assert "few-runs" not in codes(effect_of(server, params, {"shift": {"x": 1.0}}, "z"))


@pytest.mark.parametrize("intervention, words", [
    ({"set": {"x": {"from": 2.0, "to": 12.0}}}, "Setting `x` to 12 takes it outside the range of the kept runs, "),
    ({"shift": {"x": 5.0}}, "Shifting `x` by 5 takes it outside the range of the kept runs, "),
])
def test_given_a_subject_moved_outside_the_kept_rows_when_querying_then_extrapolated_with_their_range(
        server, intervention, words):
    params = synthetic.linear_chain()
    x = np.array(params["data"]["x"])

    effect = effect_of(server, params, intervention, "z")

    reason = next(r for r in effect["reasons"] if r["code"] == "extrapolated")
    assert reason["nodes"] == ["x"]
    assert reason["message"].startswith(words + "[%.4g, %.4g]" % (x.min(), x.max()))
    if "shift" in intervention:
        assert "in %d%% of them" % round(100 * np.mean(x + 5.0 > x.max())) in reason["message"]


def test_given_a_subject_inside_the_kept_rows_when_querying_then_nothing_is_flagged(server):
    effect = effect_of(server, synthetic.linear_chain(), {"set": {"x": {"from": 2.0, "to": 8.0}}}, "z")

    assert effect["unreliable"] is False and effect["reasons"] == []
    assert effect["exact"] is True and effect["low"] == effect["high"] == effect["value"] == approx(-36.0)


def test_given_a_flat_mechanism_fed_outside_its_range_when_querying_then_extrapolated_path_naming_it(server):
    x = synthetic.uniform(0.0, 10.0, 300)
    y = x * x
    params = synthetic.request({"x": x, "y": y, "fee": np.where(y > 50.0, 5.0, 2.0)}, [("x", "y"), ("y", "fee")])

    effect = effect_of(server, params, {"shift": {"x": 4.0}}, "fee")

    path = next(r for r in effect["reasons"] if r["code"] == "extrapolated-path")
    assert path["nodes"] == ["y", "fee"]
