"""The real process: silent until asked, JSON lines only on stdout, survives garbage, exits when stdin closes."""

import json
import os
import subprocess
import sys

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
    assert hello["versions"]["dowhy"] == "0.14"
    assert set(hello["versions"]) >= {"python", "dowhy", "numpy", "scikit-learn"}
    assert responses[1]["error"]["code"] == "bad-request"
    assert responses[2]["result"]["mechanism"]["y"] == "linear-exact"
    assert responses[3]["error"]["code"] == "unknown-method"
    assert "ready in" in done.stderr
