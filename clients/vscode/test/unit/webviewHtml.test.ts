import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphPageHtml, makeNonce } from '../../src/webviewHtml';

test('the page allows only its nonce script and its own styles, and loads nothing else', () => {
    const html = graphPageHtml({ cspSource: 'vscode-webview://abc', nonce: 'N0NCE', scriptUri: 'vscode-webview://abc/dist/webview.js', styleUri: 'vscode-webview://abc/media/graph.css' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.equal(csp, "default-src 'none'; img-src vscode-webview://abc data:; style-src vscode-webview://abc; font-src vscode-webview://abc; script-src 'nonce-N0NCE'");
    assert.match(html, /<script nonce="N0NCE" src="vscode-webview:\/\/abc\/dist\/webview.js"><\/script>/);
    assert.doesNotMatch(html, /https?:\/\//, 'no network address');
    assert.doesNotMatch(html, /style="/, 'no inline style (the policy forbids it)');
    assert.match(html, /class="edge data"/);
    assert.match(html, /class="edge control"/);
    assert.match(html, /class="edge fallback"/);
});

test('nonces are 32 letters or digits', () => {
    assert.match(makeNonce(), /^[A-Za-z0-9]{32}$/);
    assert.notEqual(makeNonce(), makeNonce());
});
