"""The real process: silent until asked, JSON lines only on stdout, survives garbage, exits when stdin closes."""

import json
import os
import subprocess
import sys

import pytest

import synthetic

SRC = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")


def test_given_a_session_of_requests_when_piped_through_the_process_then_every_line_is_one_json_response():
    fit_params = synthetic.linear_chain()
    lines = [
        {"id": 1, "method": "hello"},
        "this is not json",
        {"id": 2, "method": "fit", "params": fit_params},
        {"id": 3, "method": "nope"},
    ]
    stdin = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    env = dict(os.environ, PYTHONPATH=SRC)

    done = subprocess.run(
        [sys.executable, "-u", "-m", "liftsys_dowhy"], input=stdin, env=env, capture_output=True, text=True, timeout=60
    )

    responses = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in responses] == [1, None, 2, 3]
    hello = responses[0]["result"]
    assert hello["ready"] is True and hello["protocol"] == 1
    assert {"drivers", "counterfactual", "intervened", "non-finite-data"} <= set(hello["features"])
    assert hello["versions"]["dowhy"] == "0.14"
    assert set(hello["versions"]) >= {"python", "dowhy", "numpy", "scikit-learn"}
    assert responses[1]["error"]["code"] == "bad-request"
    assert responses[2]["result"]["mechanism"]["y"] == "linear-exact"
    assert responses[3]["error"]["code"] == "unknown-method"
    assert "ready in" in done.stderr


def test_given_nan_and_infinity_literals_and_the_new_operations_when_piped_then_answered_in_plain_json():
    fit_params = synthetic.linear_chain(rows=30)
    fit_line = json.dumps({"id": 1, "method": "fit", "params": fit_params})
    fit_line = fit_line.replace(json.dumps(fit_params["data"]["y"][2]), "NaN", 1).replace(
        json.dumps(fit_params["data"]["z"][3]), "-Infinity", 1)
    model = _model_key_of(fit_params)
    lines = [
        fit_line,
        json.dumps({"id": 2, "method": "drivers", "params": {"model": model, "target": "z", "bootstrap": 2}}),
        json.dumps({"id": 3, "method": "counterfactual",
                    "params": {"model": model, "row": 0, "intervention": {"set": {"x": 1.0}}}}),
    ]
    env = dict(os.environ, PYTHONPATH=SRC)

    done = subprocess.run([sys.executable, "-u", "-m", "liftsys_dowhy"], input="\n".join(lines) + "\n", env=env,
                          capture_output=True, text=True, timeout=120)

    responses = [json.loads(line, parse_constant=_no_literals) for line in done.stdout.splitlines()]
    assert responses[0]["result"]["dropped"]["rows"] == 2 and responses[0]["result"]["model"] == model
    assert responses[1]["result"]["parents"][0]["node"] == "y"
    assert responses[2]["result"]["counterfactual"]["z"] == pytest.approx(-3.0 * (2.0 * 1.0 + 1.0) + 4.0)


def _no_literals(constant):
    raise AssertionError("the sidecar wrote %s, which is not JSON" % constant)


def _model_key_of(params):
    """The model key the sidecar will give these params once NaN and -Infinity replace two values."""
    from liftsys_dowhy.protocol import parse_fit

    changed = json.loads(json.dumps(params))
    changed["data"]["y"][2] = float("nan")
    changed["data"]["z"][3] = float("-inf")
    return parse_fit(changed).key
