"""End-to-end fixtures: ./liftsys serve as a subprocess, driven by pytest-lsp's real client."""

import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
PRICING = (ROOT / "examples" / "Pricing.java").read_text()
PRICING_URI = "file:///work/Pricing.java"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[str(ROOT / "liftsys"), "serve"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            initialization_options={"liftsys": {"samples": 200, "seed": 3, "warmUp": False}},
        )
    )
    lsp_client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=PRICING_URI, language_id="java", version=1, text=PRICING)
        )
    )
    yield
    await lsp_client.shutdown_session()
