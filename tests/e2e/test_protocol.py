"""The contract of ../shared/spec/protocol.md, held against the real server over stdio."""

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from conftest import PRICING, PRICING_URI


def position_of(text: str, needle: str, word: str = "") -> dict:
    """The LSP position of word (default: the needle's last word) inside the first occurrence of needle."""
    word = word or needle.split()[-1]
    index = text.index(needle) + needle.rindex(word)
    line = text.count("\n", 0, index)
    character = index - (text.rfind("\n", 0, index) + 1)
    return {"line": line, "character": character}


async def impact(client: LanguageClient, position: dict, direction="downstream", quantify=False, uri=PRICING_URI):
    params = {
        "textDocument": {"uri": uri},
        "position": position,
        "direction": direction,
        "quantify": quantify,
    }
    return await client.protocol.send_request_async("liftsys/causalImpact", params)


def names(entries) -> list:
    return [(e.name, e.distance) for e in entries]


async def test_given_price_in_total_when_downstream_then_the_worked_example(client: LanguageClient):
    result = await impact(client, position_of(PRICING, "double price"))
    result_price = result.subject
    assert (result_price.name, result_price.kind) == ("price", "parameter")
    assert names(result.downstream) == [("subtotal", 1), ("discount", 2), ("net", 2), ("return", 3)]
    assert result.downstream[-1].path == ["price", "subtotal", "net", "return"]
    assert result.upstream == []
    assert result.model.status == "structural"
    assert result.degraded is None
    assert result.method.name == "total"
    assert result.version == 1


async def test_given_discount_in_if_when_upstream_then_subtotal_price_quantity(client: LanguageClient):
    result = await impact(client, position_of(PRICING, "discount = subtotal", "discount"), direction="upstream")
    assert sorted(e.name for e in result.upstream) == ["price", "quantity", "subtotal"]


async def test_given_quantify_when_asked_then_structural_part_stays_complete(client: LanguageClient):
    result = await impact(client, position_of(PRICING, "double shipping"), quantify=True)
    assert names(result.downstream) == [("return", 1)]
    assert result.model.status in ("fitted", "degraded")
    if result.model.status == "degraded":
        assert result.degraded.reason in {
            "sidecar-unavailable", "timeout", "circuit-open", "trace-failed", "unsupported", "execution-disabled"}
        assert result.degraded.message


@pytest.mark.parametrize(
    "position, word",
    [
        ({"line": 5, "character": 0}, "whitespace"),
        ({"line": 5, "character": 4}, "keyword"),
        ({"line": 500, "character": 0}, "outside"),
        (position_of(PRICING, "100"), "literal"),
    ],
)
async def test_given_a_bad_position_when_asked_then_invalid_params_says_which(client, position, word):
    with pytest.raises(JsonRpcException) as error:
        await impact(client, position)
    assert error.value.code == -32602
    assert word in str(error.value)


async def test_given_an_unopened_document_when_asked_then_invalid_params(client: LanguageClient):
    with pytest.raises(JsonRpcException) as error:
        await impact(client, {"line": 0, "character": 0}, uri="file:///nowhere/Nope.java")
    assert error.value.code == -32602
    assert "not open" in str(error.value)


async def test_given_missing_params_when_asked_then_invalid_params_names_the_field(client: LanguageClient):
    with pytest.raises(JsonRpcException) as error:
        await client.protocol.send_request_async("liftsys/causalImpact", {"textDocument": {"uri": PRICING_URI}})
    assert error.value.code == -32602
    assert "position" in str(error.value)
    # The server keeps serving after bad input.
    result = await impact(client, position_of(PRICING, "double shipping"))
    assert names(result.downstream) == [("return", 1)]


async def test_given_an_incremental_edit_when_asked_then_the_answer_is_for_the_new_text(client: LanguageClient):
    start = position_of(PRICING, "return net + shipping", "return")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=PRICING_URI, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start["line"], character=start["character"] + 7),
                        end=types.Position(line=start["line"], character=start["character"] + 10),
                    ),
                    text="subtotal",
                )
            ],
        )
    )
    result = await impact(client, position_of(PRICING, "double price"))
    assert result.version == 2
    assert names(result.downstream) == [("subtotal", 1), ("discount", 2), ("net", 2), ("return", 2)]


async def test_given_a_stale_version_when_changed_then_refused_and_text_kept(client: LanguageClient):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=PRICING_URI, version=1),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="class Broken {")],
        )
    )
    result = await impact(client, position_of(PRICING, "double price"))
    assert result.version == 1
    assert names(result.downstream)[0] == ("subtotal", 1)
    await client.wait_for_notification("window/logMessage") if not any(
        "refused" in m.message for m in client.log_messages) else None
    assert any("refused" in m.message for m in client.log_messages)


async def test_given_a_variable_when_hovered_then_markdown_lists_both_directions(client: LanguageClient):
    position = position_of(PRICING, "subtotal = price", "subtotal")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=PRICING_URI),
            position=types.Position(**position),
        )
    )
    text = hover.contents.value
    assert "**subtotal**" in text
    assert "`price` (1)" in text and "`quantity` (1)" in text
    assert "`discount` (1)" in text and "`return` (2)" in text


async def test_given_whitespace_when_hovered_then_nothing(client: LanguageClient):
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=PRICING_URI),
            position=types.Position(line=5, character=0),
        )
    )
    assert hover is None
