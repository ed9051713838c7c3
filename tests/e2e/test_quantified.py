"""Quantified answers end to end: ./liftsys serve, the worker JVM and the DoWhy sidecar, all real."""

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
import pytest_lsp

from conftest import PRICING, ROOT
from test_protocol import position_of

URI = "file:///work/quantified/Pricing.java"
RUNAWAY = """package shop;

public class Runaway {
    static int spin(int n) {
        int k = n;
        while (k != -1) {
            k = k * 3 + 1;
        }
        return k;
    }
}
"""


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[str(ROOT / "liftsys"), "serve"]))
async def quant(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                window=types.WindowClientCapabilities(work_done_progress=True),
                text_document=types.TextDocumentClientCapabilities(
                    publish_diagnostics=types.PublishDiagnosticsClientCapabilities(code_description_support=True)
                ),
            ),
            initialization_options={"liftsys": {"samples": 300, "seed": 1, "timeoutMs": 60000}},
        )
    )
    open_document(lsp_client, URI, PRICING)
    yield
    await lsp_client.shutdown_session()


def open_document(client, uri, text, version=1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="java", version=version, text=text)
        )
    )


def configure(client, **settings):
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"liftsys": settings}))


async def quantify(client, position, intervention=None, uri=URI):
    params = {"textDocument": {"uri": uri}, "position": position, "direction": "downstream", "quantify": True}
    if intervention is not None:
        params["intervention"] = intervention
    return await client.protocol.send_request_async("liftsys/causalImpact", params)


def effects(result) -> dict:
    return {e.name: e.effect for e in result.downstream}


def assert_close(effect, expected, tolerance=0.10):
    assert effect is not None
    assert effect.value == pytest.approx(expected, rel=tolerance, abs=1e-6)
    assert effect.low <= effect.value <= effect.high


async def test_given_affine_u_when_shifted_by_one_then_w4_z4_return2(quant: LanguageClient):
    result = await quantify(quant, position_of(PRICING, "double u"), {"shift": 1})
    assert result.model.status == "fitted", result.degraded
    assert result.degraded is None
    found = effects(result)
    assert "noise" not in found
    assert_close(found["w"], 4.0)
    assert_close(found["z"], 4.0)
    assert_close(found["return"], 2.0)
    assert result.model.engine.startswith("dowhy 0.14")
    assert result.model.samples > 0


async def test_given_affine_v_when_shifted_by_one_then_w_minus1_z1_return_half(quant: LanguageClient):
    result = await quantify(quant, position_of(PRICING, "double v)", "v"), {"shift": 1})
    found = effects(result)
    assert_close(found["w"], -1.0)
    assert_close(found["z"], 1.0)
    assert_close(found["return"], 0.5)
    assert found["noise"] is not None


async def test_given_affine_u_when_set_from_0_to_10_then_return_plus_20(quant: LanguageClient):
    result = await quantify(quant, position_of(PRICING, "double u"), {"set": {"from": 0, "to": 10}})
    assert_close(effects(result)["return"], 20.0)


async def test_given_a_fitted_method_when_asked_again_then_cached_and_kept_across_an_edit_above(
        quant: LanguageClient):
    first = await quantify(quant, position_of(PRICING, "double u"))
    assert first.model.cached is False
    again = await quantify(quant, position_of(PRICING, "double u"))
    assert again.model.cached is True
    # An edit above the method: a comment line at the top of the file.
    quant.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            text="// moved\n")]))
    moved_text = "// moved\n" + PRICING
    moved = await quantify(quant, position_of(moved_text, "double u"))
    assert moved.model.cached is True
    assert moved.version == 2
    assert moved.subject.range.start.line == first.subject.range.start.line + 1
    # An edit inside the method drops its model.
    w_line = position_of(moved_text, "double w")["line"]
    quant.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=3),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=w_line, character=8),
                              end=types.Position(line=w_line, character=8)),
            text="int unused = 1; ")]))
    changed = await quantify(quant, position_of(moved_text, "double u"))
    assert changed.model.cached is False
    assert_close(effects(changed)["return"], 2.0)


async def test_given_progress_support_when_quantifying_then_begin_reports_and_end(quant: LanguageClient):
    await quantify(quant, position_of(PRICING, "double price"))
    reports = [p for token in quant.progress_reports.values() for p in token]
    kinds = [r.kind for r in reports]
    assert kinds[0] == "begin" and kinds[-1] == "end"
    messages = " ".join(getattr(r, "message", "") or "" for r in reports)
    assert "tracing" in messages and "fitting" in messages and "estimating" in messages


async def test_given_a_cached_fit_when_hovering_then_effects_else_pending(quant: LanguageClient):
    position = position_of(PRICING, "double shipping")

    async def hover():
        h = await quant.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(**position)))
        return h.contents.value

    assert "pending" in await hover()
    await quantify(quant, position)
    text = await hover()
    assert "Effect of +1 on `shipping`" in text
    assert "`return` +1" in text


async def test_given_execute_code_false_when_quantifying_then_degraded_and_a_diagnostic(quant: LanguageClient):
    configure(quant, executeCode=False)
    result = await quantify(quant, position_of(PRICING, "double u"))
    assert result.model.status == "degraded"
    assert result.degraded.reason == "execution-disabled"
    assert [e.name for e in result.downstream] == ["w", "z", "return"]
    diagnostic = await wait_for_diagnostic(quant, URI, "execution-disabled")
    assert diagnostic.source == "liftsys"
    assert diagnostic.severity == types.DiagnosticSeverity.Information
    assert diagnostic.range.start.line == position_of(PRICING, "affine")["line"]
    assert "executeCode" in diagnostic.message
    assert diagnostic.code_description.href.endswith("#execution-disabled")
    # Enabling execution and asking again clears it.
    configure(quant, executeCode=True)
    result = await quantify(quant, position_of(PRICING, "double u"))
    assert result.model.status == "fitted"
    await wait_for_no_diagnostic(quant, URI)


async def test_given_python_nowhere_when_quantifying_then_unavailable_then_breaker_opens(quant: LanguageClient):
    configure(quant, python="/nonexistent/python3")
    reasons = []
    for _ in range(4):
        result = await quantify(quant, position_of(PRICING, "double price"))
        assert result.downstream, "the structural part is still complete"
        reasons.append(result.degraded.reason)
    assert reasons[:3] == ["sidecar-unavailable"] * 3
    assert reasons[3] == "circuit-open"
    diagnostic = await wait_for_diagnostic(quant, URI, "circuit-open")
    assert diagnostic.severity == types.DiagnosticSeverity.Information


async def test_given_a_runaway_method_when_quantifying_with_a_small_budget_then_timeout(quant: LanguageClient):
    uri = "file:///work/quantified/Runaway.java"
    open_document(quant, uri, RUNAWAY)
    configure(quant, timeoutMs=3000)
    result = await quantify(quant, position_of(RUNAWAY, "int n"), uri=uri)
    assert result.degraded.reason in ("timeout", "trace-failed")
    diagnostic = await wait_for_diagnostic(quant, uri, result.degraded.reason)
    assert diagnostic.severity == types.DiagnosticSeverity.Warning
    # The server is still alive and answers the next question.
    again = await quantify(quant, position_of(PRICING, "double shipping"), uri=URI)
    assert [e.name for e in again.downstream] == ["return"]


async def wait_for_diagnostic(client, uri, code):
    for _ in range(50):
        for d in client.diagnostics.get(uri, []):
            if d.code == code:
                return d
        await client.wait_for_notification("textDocument/publishDiagnostics")
    raise AssertionError(f"no diagnostic {code} for {uri}")


async def wait_for_no_diagnostic(client, uri):
    for _ in range(50):
        if not client.diagnostics.get(uri):
            return
        await client.wait_for_notification("textDocument/publishDiagnostics")
    raise AssertionError(f"diagnostics for {uri} stayed: {client.diagnostics.get(uri)}")


async def test_given_the_example_when_asking_code_lenses_then_reach_counts_and_a_quantify_command(
        quant: LanguageClient):
    lenses = await quant.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    total_line = position_of(PRICING, "total(")["line"]
    on_total = [lens for lens in lenses if lens.range.start.line == total_line]
    assert any(lens.command and lens.command.command == "liftsys.server.quantify" for lens in on_total)
    unresolved = next(lens for lens in on_total if lens.command is None)
    resolved = await quant.code_lens_resolve_async(unresolved)
    assert resolved.command.title == "price affects 4 · quantity affects 4 · shipping affects 1"
    assert resolved.command.command == "liftsys.server.impact"
    clicked = await quant.workspace_execute_command_async(
        types.ExecuteCommandParams(command=resolved.command.command, arguments=resolved.command.arguments))
    assert clicked["subject"]["name"] == "total" and clicked["model"]["status"] == "structural"


async def test_given_a_quantified_method_when_asking_inlay_hints_then_effects_next_to_definitions(
        quant: LanguageClient):
    everything = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=200, character=0))
    params = types.InlayHintParams(text_document=types.TextDocumentIdentifier(uri=URI), range=everything)
    assert not await quant.text_document_inlay_hint_async(params)
    lens_args = [URI, position_of(PRICING, "affine(")["line"], position_of(PRICING, "affine(")["character"]]
    answer = await quant.workspace_execute_command_async(
        types.ExecuteCommandParams(command="liftsys.server.quantify", arguments=lens_args))
    assert answer["model"]["status"] == "fitted"
    hints = await quant.text_document_inlay_hint_async(params)
    labels = {(h.position.line, h.label) for h in hints}
    w_line = position_of(PRICING, "double w")["line"]
    z_line = position_of(PRICING, "double z")["line"]
    # Shifting every parameter of affine by +1: w = 4u - v moves by +3, z = w + 2v by +5.
    assert (w_line, "Δ+3.00") in labels
    assert (z_line, "Δ+5.00") in labels
    lenses = await quant.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    affine_line = position_of(PRICING, "affine(")["line"]
    unresolved = next(lens for lens in lenses if lens.range.start.line == affine_line and lens.command is None)
    resolved = await quant.code_lens_resolve_async(unresolved)
    assert "return +2.50 per +1 on every parameter at once" in resolved.command.title


async def test_given_a_quantifying_request_when_cancelled_then_request_cancelled_and_nothing_cached(
        quant: LanguageClient):
    import asyncio
    from pygls.exceptions import JsonRpcRequestCancelled

    params = {"textDocument": {"uri": URI}, "position": position_of(PRICING, "double price"), "quantify": True}
    future = quant.protocol.send_request("liftsys/causalImpact", params, msg_id="to-cancel")
    await asyncio.sleep(0.3)
    quant.protocol.notify("$/cancelRequest", types.CancelParams(id="to-cancel"))
    with pytest.raises(JsonRpcRequestCancelled) as error:
        await asyncio.wrap_future(future)
    assert error.value.code == -32800
    # The server keeps serving, and the cancelled computation was not kept.
    again = await quantify(quant, position_of(PRICING, "double price"))
    assert again.model.status == "fitted"
    assert again.model.cached is False


async def test_given_an_edit_while_quantifying_then_the_answer_is_for_the_version_it_started_on(
        quant: LanguageClient):
    import asyncio

    params = {"textDocument": {"uri": URI}, "position": position_of(PRICING, "double v)", "v"), "quantify": True}
    future = quant.protocol.send_request("liftsys/causalImpact", params)
    await asyncio.sleep(0.2)
    quant.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="class Gone {}\n")]))
    result = await asyncio.wrap_future(future)
    assert result.version == 1
    assert result.method.name == "affine"
    assert [e.name for e in result.downstream] == ["w", "z", "noise", "return"]


# ---- checked effects (issue 7): the same sampled inputs rerun with the intervention in the code ----


def observed_of(result) -> dict:
    return {e.name: e.effect.observed for e in result.downstream if e.effect is not None}


async def test_given_affine_u_when_shifted_by_one_then_observed_w4_z4_return2_exactly_and_agreeing(
        quant: LanguageClient):
    result = await quantify(quant, position_of(PRICING, "double u"), {"shift": 1})
    assert result.model.status == "fitted", result.degraded
    observed = observed_of(result)
    for name, expected in (("w", 4.0), ("z", 4.0), ("return", 2.0)):
        o = observed[name]
        assert o is not None, name
        assert o.value == pytest.approx(expected, abs=1e-6)
        assert o.low == pytest.approx(expected, abs=1e-6) and o.high == pytest.approx(expected, abs=1e-6), \
            "deterministic code: a zero-width interval"
        assert o.level == 0.95
    for entry in result.downstream:
        assert not getattr(entry.effect, "disagrees", False), entry
    assert result.model.checked == 3
    assert result.model.disagreements == 0
    assert result.model.extrapolated is False
    # Asked again: the check is cached with the effect.
    again = await quantify(quant, position_of(PRICING, "double u"), {"shift": 1})
    assert again.model.cached is True
    assert observed_of(again)["return"].value == pytest.approx(2.0, abs=1e-6)
    assert again.model.checked == 3


async def test_given_sum_to_step_when_shifted_by_one_then_observed_return_is_mean_max_n_0_near_dowhy(
        quant: LanguageClient):
    result = await quantify(quant, position_of(PRICING, "long step"), {"shift": 1})
    assert result.model.status == "fitted", result.degraded
    effect = effects(result)["return"]
    observed = effect.observed
    assert observed is not None
    # n is drawn from [-5, 5]: mean(max(n, 0)) lies strictly between 0 and 5, and varies with n.
    assert 0 < observed.value < 5
    assert observed.low < observed.value < observed.high
    assert effect.value == pytest.approx(observed.value, rel=0.10)
    assert effects(result)["acc"].observed.value == pytest.approx(observed.value, abs=1e-9)
    assert result.model.checked == 2


async def test_given_a_set_of_u_far_outside_its_sampled_range_then_sampled_there_with_a_note(quant: LanguageClient):
    # The code is run again with u drawn up to 1e6 (README: sampled where the question goes), so DoWhy's model has
    # seen the value it is asked about: not extrapolated, and a note says where u was drawn.
    result = await quantify(quant, position_of(PRICING, "double u"), {"set": {"from": 0, "to": 1e6}})
    assert result.model.status == "fitted", result.degraded
    assert result.model.extrapolated is False
    assert any("does not extrapolate" in note and "`u` drawn across" in note for note in result.model.notes), \
        result.model.notes
    assert observed_of(result)["return"].value == pytest.approx(2e6, rel=1e-9)
    effect = effects(result)["return"]
    assert effect.value == pytest.approx(2e6, rel=1e-6) and effect.reasons == [], effect
    assert "u" in effect.randomised, effect
    inside = await quantify(quant, position_of(PRICING, "double u"), {"set": {"from": 0, "to": 5}})
    assert inside.model.extrapolated is False
    assert observed_of(inside)["return"].value == pytest.approx(10.0, abs=1e-6)


async def test_given_a_loop_summary_subject_then_effects_unchecked_with_a_note_and_the_answer_intact(
        quant: LanguageClient):
    result = await quantify(quant, position_of(PRICING, "return acc", "acc"), {"shift": 1})
    assert result.model.status == "fitted", result.degraded
    assert result.degraded is None
    assert all(e.effect is None or e.effect.observed is None for e in result.downstream)
    assert result.model.checked == 0
    assert any("loop" in note for note in result.model.notes), result.model.notes


async def test_given_a_conditional_assignment_when_shifted_then_disagrees_exactly_where_intervals_do_not_overlap(
        quant: LanguageClient):
    # discount = subtotal * 0.05 runs only when subtotal > 100: in the code, +1 there moves net by -1 on those
    # inputs alone, so the observed effect on net lies strictly between -1 and 0.
    result = await quantify(quant, position_of(PRICING, "discount = subtotal", "discount"), {"shift": 1})
    assert result.model.status == "fitted", result.degraded
    net = effects(result)["net"]
    assert -1 < net.observed.value < 0
    flagged = 0
    for entry in result.downstream:
        effect, observed = entry.effect, entry.effect.observed
        apart = observed.low > effect.high + 1e-6 or observed.high < effect.low - 1e-6
        assert bool(getattr(effect, "disagrees", False)) == apart, entry
        flagged += apart
    assert result.model.disagreements == flagged
    assert result.model.checked == len(result.downstream)


# ---- Strings as values (issue 15): set by value, and what an effect on a String measures ----

CURRENCY_URI = "file:///work/quantified/Currency.java"
CURRENCY = """package shop;

public class Currency {
    static double convert(double amount, String to) {
        double rate = 1.0;
        if (to.equals("USD")) {
            rate = 1.1;
        }
        return amount * rate;
    }

    static String shout(String s) {
        String t = s + "!";
        return t;
    }
}
"""


async def test_given_a_string_subject_when_set_from_EUR_to_USD_then_the_rate_moves_by_exactly_0_1(
        quant: LanguageClient):
    open_document(quant, CURRENCY_URI, CURRENCY)
    result = await quantify(quant, position_of(CURRENCY, "String to"), {"set": {"from": "EUR", "to": "USD"}},
                            uri=CURRENCY_URI)
    assert result.model.status == "fitted", result.degraded
    rate = effects(result)["rate"]
    assert rate.value == pytest.approx(0.1, abs=1e-6)
    assert rate.observed.value == pytest.approx(0.1, abs=1e-9)


async def test_given_a_string_target_when_its_source_is_shifted_then_the_entry_says_it_measures_a_length(
        quant: LanguageClient):
    open_document(quant, CURRENCY_URI, CURRENCY)
    result = await quantify(quant, position_of(CURRENCY, "shout(String s", "s"), {"shift": 1}, uri=CURRENCY_URI)
    assert result.model.status == "fitted", result.degraded
    entries = {e.name: e for e in result.downstream}
    assert entries["t"].effect.value == pytest.approx(1.0, abs=1e-6)
    assert getattr(entries["t"], "measures") == "length"
    assert any("is a String: the shift moves its length" in n for n in result.model.notes), result.model.notes


async def test_given_a_set_of_a_string_and_a_number_when_asked_then_invalid_params_says_both_must_be_strings(
        quant: LanguageClient):
    from pygls.exceptions import JsonRpcException
    open_document(quant, CURRENCY_URI, CURRENCY)
    with pytest.raises(JsonRpcException) as error:
        await quantify(quant, position_of(CURRENCY, "String to"), {"set": {"from": "EUR", "to": 2}}, uri=CURRENCY_URI)
    assert error.value.code == -32602
    assert "both be strings" in str(error.value)
