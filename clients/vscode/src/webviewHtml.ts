/**
 * The graph view's page. The same HTML is loaded by the VS Code webview and by the headless
 * Chromium test, so the test checks the real page, its Content Security Policy included: scripts
 * only with the nonce, styles and the bundle only from the extension's own files, no network.
 * No `vscode`.
 */
export interface PageOptions {
    /** The webview's `cspSource` (in the test: the page's own origin). */
    cspSource: string;
    nonce: string;
    /** URI of dist/webview.js (the bundle with the layout library). */
    scriptUri: string;
    /** URI of media/graph.css. */
    styleUri: string;
}

function escapeAttribute(s: string): string {
    return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function makeNonce(random: () => number = Math.random): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < 32; i++) {
        out += chars.charAt(Math.floor(random() * chars.length));
    }
    return out;
}

export function graphPageHtml(o: PageOptions): string {
    const csp = [
        "default-src 'none'",
        `img-src ${o.cspSource} data:`,
        `style-src ${o.cspSource}`,
        `font-src ${o.cspSource}`,
        `script-src 'nonce-${o.nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(o.styleUri)}">
<title>liftsys: causal graph</title>
</head>
<body>
<header id="header">
  <div class="titles">
    <h1 id="title">Causal graph</h1>
    <div id="subtitle" class="subtitle">Waiting for the server…</div>
  </div>
  <div class="legend" aria-label="legend">
    <span class="legend-item"><svg width="34" height="10" aria-hidden="true"><line class="edge data" x1="2" y1="5" x2="32" y2="5"/></svg>data</span>
    <span class="legend-item"><svg width="34" height="10" aria-hidden="true"><line class="edge control" x1="2" y1="5" x2="32" y2="5"/></svg>control</span>
    <span class="legend-item"><svg width="34" height="10" aria-hidden="true"><line class="edge fallback" x1="2" y1="5" x2="32" y2="5"/></svg>fallback</span>
    <span class="legend-item"><span class="swatch subject"></span>subject</span>
    <span class="legend-item"><span class="swatch downstream"></span>affected</span>
    <span class="legend-item"><span class="swatch upstream"></span>affects it</span>
  </div>
</header>
<main id="canvas" aria-live="polite"><p class="empty">Put the cursor in a Java method and run “liftsys: Show causal graph of this method”.</p></main>
<script nonce="${escapeAttribute(o.nonce)}" src="${escapeAttribute(o.scriptUri)}"></script>
</body>
</html>
`;
}
