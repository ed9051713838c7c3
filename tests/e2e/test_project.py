"""A Maven project opened as it is (issue 14): ./liftsys serve with the multi-module fixture as a
workspace folder and no setting but the seed and the sample count; the real Maven resolves its class
path (offline first, into a cache of this test run). A second folder holds a build whose pom is not
XML: its problem is one warning and a diagnostic on the pom, and its files still get structure."""

import asyncio
import os
import pathlib
import shutil
import tempfile

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import ROOT
from test_protocol import position_of
from test_quantified import assert_close, effects, open_document, quantify

WORK = pathlib.Path(tempfile.mkdtemp(prefix="liftsys-e2e-project-"))
MULTI = WORK / "multi"
shutil.copytree(ROOT / "server" / "src" / "test" / "resources" / "projects" / "multi", MULTI)
# Calls a sibling class (Rates) and a package-private helper (Helpers): net = round2(price * 1.2) - 1.
NET = MULTI / "core" / "src" / "main" / "java" / "demo" / "core" / "Net.java"
NET.write_text("""package demo.core;

public class Net {
    public static double net(double price) {
        double taxed = Rates.withTax(price);
        return taxed - Helpers.roundCents(1.0);
    }
}
""")
BROKEN = WORK / "broken"
BROKEN_POM = BROKEN / "pom.xml"
BROKEN_POM.parent.mkdir(parents=True)
BROKEN_POM.write_text("<project>\n  <modelVersion>4.0.0</modelVersion>\n  <artifactId>x\n</project>\n")
TWICE = BROKEN / "src" / "main" / "java" / "p" / "Twice.java"
TWICE.parent.mkdir(parents=True)
TWICE.write_text("package p;\n\npublic class Twice {\n    static int twice(int n) {\n        int m = n * 2;\n"
                 "        return m;\n    }\n}\n")
ENV = {**os.environ, "LIFTSYS_JAVA_OPTS": f"-Dliftsys.projects.cache={WORK / 'resolved'}"}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[str(ROOT / "liftsys"), "serve"], server_env=ENV))
async def project(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(window=types.WindowClientCapabilities(work_done_progress=True)),
            workspace_folders=[types.WorkspaceFolder(uri=MULTI.as_uri(), name="multi"),
                               types.WorkspaceFolder(uri=BROKEN.as_uri(), name="broken")],
            initialization_options={"liftsys": {"samples": 200, "seed": 3, "timeoutMs": 180000}},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_given_a_maven_module_when_quantifying_a_method_calling_siblings_then_fitted_with_no_settings(
        project: LanguageClient):
    text = NET.read_text()
    open_document(project, NET.as_uri(), text)
    result = await quantify(project, position_of(text, "double price"), uri=NET.as_uri())
    assert result.degraded is None, result.degraded
    assert_close(effects(result)["return"], 1.2, tolerance=0.02)
    again = await quantify(project, position_of(text, "double price"), uri=NET.as_uri())
    assert again.model.cached is True


async def test_given_a_pom_that_is_not_xml_then_one_warning_and_a_diagnostic_and_structure_still_answers(
        project: LanguageClient):
    text = TWICE.read_text()
    open_document(project, TWICE.as_uri(), text)
    for _ in range(600):
        if project.diagnostics.get(BROKEN_POM.as_uri()):
            break
        await asyncio.sleep(0.1)
    diagnostics = project.diagnostics.get(BROKEN_POM.as_uri())
    assert diagnostics and diagnostics[0].source == "liftsys", project.diagnostics
    assert diagnostics[0].range.start.line >= 2
    warnings = [m for m in project.messages if m.type == types.MessageType.Warning and str(BROKEN_POM) in m.message]
    assert len(warnings) == 1, project.messages
    structural = await project.protocol.send_request_async("liftsys/causalImpact", {
        "textDocument": {"uri": TWICE.as_uri()}, "position": position_of(text, "int m"), "quantify": False})
    assert [e.name for e in structural.downstream] == ["return"]
