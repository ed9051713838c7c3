"""Every kind of bad input gets an error response with a clear message, and the server keeps serving."""

import pytest

import synthetic
from synthetic import call
from liftsys_dowhy.server import Server


@pytest.fixture(scope="module")
def server():
    return Server()


@pytest.fixture(scope="module")
def chain_model(server):
    return call(server, "fit", synthetic.linear_chain())["result"]["model"]


def error_of(response):
    assert "error" in response, response
    return response["error"]["code"], response["error"]["message"]


def still_serving(server):
    assert call(server, "hello", {}, request_id=99)["result"]["ready"] is True


def test_given_malformed_json_when_handled_then_bad_request_without_id(server):
    response = server.handle_line('{"id": 1, "method": ')

    assert response["id"] is None
    code, message = error_of(response)
    assert code == "bad-request" and "malformed JSON" in message
    still_serving(server)


@pytest.mark.parametrize("line", ["[]", '{"method": "hello"}', '{"id": "1", "method": "hello"}', '{"id": true}'])
def test_given_request_without_integer_id_when_handled_then_bad_request(server, line):
    assert error_of(server.handle_line(line))[0] == "bad-request"


def test_given_unknown_method_when_handled_then_unknown_method_naming_it(server):
    code, message = error_of(call(server, "transmogrify", {}, request_id=7))

    assert code == "unknown-method" and "transmogrify" in message
    still_serving(server)


def test_given_unknown_model_when_querying_then_unknown_model(server):
    code, message = error_of(call(server, "effect", {"model": "feedbeef", "intervention": {"shift": {"x": 1}}}))

    assert code == "unknown-model" and "feedbeef" in message


def test_given_cyclic_graph_when_fitting_then_bad_request_naming_the_cycle(server):
    params = synthetic.linear_chain()
    params["graph"]["edges"].append({"from": "z", "to": "x", "kind": "data"})

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "cycle" in message and "x" in message
    still_serving(server)


def test_given_only_non_finite_rows_when_fitting_then_bad_request_counting_them(server):
    params = synthetic.linear_chain(rows=8)
    params["data"]["y"] = [None, "NaN", float("nan"), float("inf"), "-Infinity", 1.0, 2.0, 3.0]

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "5 dropped" in message and "y 5" in message


@pytest.mark.parametrize("bad", ["cheap", "nan", [1.0], {"v": 1}])
def test_given_non_numeric_value_when_fitting_then_bad_request_naming_the_column(server, bad):
    params = synthetic.linear_chain()
    params["data"]["z"][4] = bad

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "'z'" in message and "row 4" in message


def test_given_empty_data_when_fitting_then_bad_request(server):
    params = synthetic.linear_chain()
    params["data"] = {"x": [], "y": [], "z": []}

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "empty" in message


def test_given_missing_column_when_fitting_then_bad_request_naming_it(server):
    params = synthetic.linear_chain()
    del params["data"]["y"]

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "no column" in message and "y" in message


def test_given_columns_of_different_lengths_when_fitting_then_bad_request(server):
    params = synthetic.linear_chain()
    params["data"]["z"] = params["data"]["z"][:-1]

    assert error_of(call(server, "fit", params))[0] == "bad-request"


def test_given_too_few_rows_when_fitting_then_bad_request(server):
    params = synthetic.linear_chain(rows=3)

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "at least" in message


def test_given_edge_to_unknown_node_when_fitting_then_bad_request(server):
    params = synthetic.linear_chain()
    params["graph"]["edges"].append({"from": "x", "to": "ghost", "kind": "data"})

    code, message = error_of(call(server, "fit", params))

    assert code == "bad-request" and "ghost" in message


def test_given_boolean_column_with_other_values_when_fitting_then_bad_request(server):
    params = synthetic.threshold()
    params["data"]["flag"][0] = 2

    assert error_of(call(server, "fit", params))[0] == "bad-request"


def test_given_unknown_quality_when_fitting_then_bad_request(server):
    params = dict(synthetic.linear_chain(), quality="SUPERB")

    assert error_of(call(server, "fit", params))[0] == "bad-request"


def test_given_target_not_downstream_when_querying_then_bad_request_naming_it(server, chain_model):
    params = {"model": chain_model, "intervention": {"shift": {"y": 1.0}}, "targets": ["x"]}

    code, message = error_of(call(server, "effect", params))

    assert code == "bad-request" and "'x'" in message and "not downstream" in message
    still_serving(server)


def test_given_intervention_on_unknown_node_when_querying_then_bad_request(server, chain_model):
    code, message = error_of(call(server, "effect", {"model": chain_model, "intervention": {"shift": {"q": 1.0}}}))

    assert code == "bad-request" and "'q'" in message


@pytest.mark.parametrize(
    "intervention",
    [{}, {"shift": {}}, {"shift": {"x": "a"}}, {"set": {"x": {"from": 1}}}, {"shift": {"x": 1}, "set": {}}],
)
def test_given_malformed_intervention_when_querying_then_bad_request(server, chain_model, intervention):
    assert error_of(call(server, "effect", {"model": chain_model, "intervention": intervention}))[0] == "bad-request"


@pytest.mark.parametrize("extra", [{"level": 1.0}, {"level": 0}, {"samples": 0}, {"samples": 1.5}, {"seed": -1}])
def test_given_out_of_range_query_settings_when_querying_then_bad_request(server, chain_model, extra):
    params = {"model": chain_model, "intervention": {"shift": {"x": 1.0}}, **extra}

    assert error_of(call(server, "effect", params))[0] == "bad-request"


def test_given_shift_of_a_boolean_when_querying_then_bad_request_asking_for_set(server):
    model = call(server, "fit", synthetic.threshold())["result"]["model"]

    code, message = error_of(call(server, "effect", {"model": model, "intervention": {"shift": {"flag": 1.0}}}))

    assert code == "bad-request" and "set" in message


def test_given_unexpected_failure_when_handling_then_internal_error_and_still_serving(server, monkeypatch):
    def explode(params):
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(server._methods, "hello", explode)
    code, message = error_of(call(server, "hello", {}))
    monkeypatch.undo()

    assert code == "internal" and "boom" in message
    still_serving(server)
