/**
 * The graph view's real page (webviewHtml.ts + dist/webview.js + media/graph.css, its Content
 * Security Policy included) in headless Chromium, fed with real `liftsys/methodGraph` and
 * `liftsys/causalImpact` answers from the server, the way the extension feeds the webview
 * (a `message` event). Asserts the drawn nodes and edges and saves a screenshot.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { graphView, type GraphView } from '../../src/graphModel';
import { CausalImpactRequest, MethodGraphRequest } from '../../src/protocol';
import { forwardedSettings } from '../../src/settings';
import { graphPageHtml, makeNonce } from '../../src/webviewHtml';
import { EXTENSION_DIR } from '../support/fixtures';
import { PRICING, positionOf, startServer, type Server } from '../support/server';

const CHROMIUM = process.env.LIFTSYS_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(EXTENSION_DIR, 'test-artifacts');
const SCREENSHOT = path.join(ARTIFACTS, 'graph.png');
/** The README's picture is refreshed only on request (LIFTSYS_SCREENSHOTS names docs/), so a test run leaves the checkout as it was. */
const README_SCREENSHOT = process.env.LIFTSYS_SCREENSHOTS ? path.join(process.env.LIFTSYS_SCREENSHOTS, 'graph-view.png') : undefined;
const URI = 'file:///work/chromium/Pricing.java';

/** VS Code's Dark Modern colours, as a webview receives them (CSS variables on <html>). */
const THEME: Record<string, string> = {
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-charts-purple': '#b180d7',
    '--vscode-disabledForeground': '#808080',
    '--vscode-font-family': '"DejaVu Sans", system-ui, sans-serif',
    '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace',
};

let server: Server;
let context: BrowserContext;
let page: Page;
let http_: http.Server;
let userDataDir: string;
const problems: string[] = [];
let price: GraphView;
let discount: GraphView;

/** The page and its two files over loopback HTTP, as the webview serves them from the extension's folder. */
function serve(files: () => Record<string, { type: string; body: string | Buffer }>): Promise<http.Server> {
    const s = http.createServer((req, res) => {
        const url = (req.url ?? '/').split('?')[0];
        if (url === '/favicon.ico') {
            res.writeHead(204).end();
            return;
        }
        const file = files()[url];
        if (!file) {
            res.writeHead(404).end();
            return;
        }
        res.writeHead(200, { 'content-type': file.type }).end(file.body);
    });
    return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

async function draw(view: GraphView): Promise<void> {
    const before = await page.evaluate(() => Number(document.body.dataset.rendered ?? '0'));
    await page.evaluate((v) => window.postMessage({ type: 'graph', view: v }, '*'), view);
    await page.waitForFunction((n) => Number(document.body.dataset.rendered ?? '0') > n, before, { timeout: 15000 });
}

describe('the graph view in headless Chromium, with real answers', () => {
    before(async () => {
        const settings = forwardedSettings((k) => ({ samples: 300, seed: 1, timeoutMs: 60000 } as Record<string, unknown>)[k], true).settings;
        server = await startServer(settings);
        await server.open(URI, PRICING);
        const graph = await server.connection.sendRequest(MethodGraphRequest.type,
            { textDocument: { uri: URI }, position: positionOf(PRICING, 'double net') });
        const priceAnswer = await server.connection.sendRequest(CausalImpactRequest.type, {
            textDocument: { uri: URI }, position: positionOf(PRICING, 'double price', 7), direction: 'downstream', quantify: true, intervention: { shift: 1 },
        });
        assert.equal(priceAnswer.model.status, 'fitted', JSON.stringify(priceAnswer.degraded));
        const discountAnswer = await server.connection.sendRequest(CausalImpactRequest.type, {
            textDocument: { uri: URI }, position: positionOf(PRICING, 'discount = subtotal'), direction: 'upstream', quantify: false,
        });
        price = graphView(graph, priceAnswer, { shift: 1 });
        discount = graphView(graph, discountAnswer);

        const nonce = makeNonce();
        let origin = '';
        http_ = await serve(() => ({
            '/': { type: 'text/html', body: graphPageHtml({ cspSource: origin, nonce, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/graph.css` }) },
            '/webview.js': { type: 'text/javascript', body: fs.readFileSync(path.join(EXTENSION_DIR, 'dist', 'webview.js')) },
            '/graph.css': { type: 'text/css', body: fs.readFileSync(path.join(EXTENSION_DIR, 'media', 'graph.css')) },
        }));
        origin = `http://127.0.0.1:${(http_.address() as AddressInfo).port}`;

        userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liftsys-chromium-'));
        context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: CHROMIUM,
            headless: true,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                '--disable-component-update', '--disable-sync'],
            viewport: { width: 900, height: 760 },
            deviceScaleFactor: 2,
        });
        page = context.pages()[0] ?? await context.newPage();
        page.on('console', (m) => {
            if (m.type() === 'error') {
                problems.push(`console: ${m.text()}`);
            }
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
        page.on('request', (r) => {
            if (!r.url().startsWith(origin)) {
                problems.push(`request outside the page's origin: ${r.url()}`);
            }
        });
        // What VS Code gives a webview: acquireVsCodeApi(), theme variables on <html>.
        await page.addInitScript((theme: Record<string, string>) => {
            const w = window as unknown as { __posted: unknown[]; __csp: string[]; acquireVsCodeApi: () => unknown };
            w.__posted = [];
            w.__csp = [];
            let state: unknown;
            w.acquireVsCodeApi = () => ({
                postMessage: (m: unknown) => w.__posted.push(m),
                getState: () => state,
                setState: (s: unknown) => {
                    state = s;
                },
            });
            document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
            document.addEventListener('DOMContentLoaded', () => {
                for (const [k, v] of Object.entries(theme)) {
                    document.documentElement.style.setProperty(k, v);
                }
                document.body.classList.add('vscode-dark');
            });
        }, THEME);
        await page.goto(`${origin}/`);
        await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
    });

    after(async () => {
        await context?.close();
        http_?.close();
        await server?.close();
        if (userDataDir) {
            fs.rmSync(userDataDir, { recursive: true, force: true });
        }
    });

    test('discount upstream: the subject and what it depends on are marked, the rest is not', async () => {
        await draw(discount);
        const pairs = await page.$$eval('g.node', (gs) => gs.map((g): [string, string] => [g.getAttribute('data-id') ?? '', g.getAttribute('data-role') ?? '']));
        const roles: Record<string, string> = Object.fromEntries(pairs);
        assert.deepEqual(roles, Object.fromEntries(discount.nodes.map((n) => [n.id, n.role])));
        assert.equal(roles['discount@2'], 'subject');
        assert.equal(roles['subtotal@1'], 'upstream');
        assert.equal(roles['net@1'], 'none');
        assert.ok(await page.$$eval('path.edge.on-path.upstream', (ps) => ps.length) >= 3);
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, 'graph-upstream.png'), fullPage: true });
    });

    test('price downstream, quantified: every node and edge drawn, styled by kind and role, effect sizes on the nodes', async () => {
        await draw(price);
        const nodes = await page.$$eval('g.node', (gs) => gs.map((g) => ({
            id: g.getAttribute('data-id'),
            classes: g.getAttribute('class'),
            text: [...g.querySelectorAll('text')].map((t) => t.textContent).join(' | '),
            box: (() => {
                const r = g.getBoundingClientRect();
                return { w: r.width, h: r.height };
            })(),
        })));
        assert.deepEqual(nodes.map((n) => n.id), price.nodes.map((n) => n.id));
        const byId = new Map(nodes.map((n) => [n.id, n]));
        assert.match(byId.get('price@in')?.classes ?? '', /\bsubject\b/);
        for (const id of ['subtotal@1', 'discount@2', 'net@1', 'return']) {
            assert.match(byId.get(id)?.classes ?? '', /\bdownstream\b/, id);
            const effect = price.nodes.find((n) => n.id === id)?.effect;
            assert.ok(effect, `${id} has an effect`);
            assert.ok(byId.get(id)?.text.includes(effect), `${id} shows ${effect}: ${byId.get(id)?.text}`);
        }
        assert.match(byId.get('discount@1')?.classes ?? '', /\bnone\b/);
        assert.equal(byId.get('discount@2')?.text.split(' | ')[1], 'local · line 10');
        assert.ok(nodes.every((n) => n.box.w > 40 && n.box.h > 20), 'nodes have a size');

        const edges = await page.$$eval('path.edge', (ps) => ps.map((p) => ({
            id: p.getAttribute('data-id'),
            kind: p.getAttribute('data-kind'),
            d: p.getAttribute('d') ?? '',
            dash: getComputedStyle(p).strokeDasharray,
            stroke: getComputedStyle(p).stroke,
        })));
        assert.deepEqual(edges.map((e) => e.id).sort(), price.edges.map((e) => e.id).sort());
        assert.ok(edges.every((e) => /^M[\d.]+,[\d.]+ [CL]/.test(e.d)), 'every edge is routed');
        const style = (kind: string): Set<string> => new Set(edges.filter((e) => e.kind === kind).map((e) => e.dash));
        assert.deepEqual([...style('data')], ['none'], 'data edges are solid');
        assert.ok(![...style('control')].includes('none'), 'control edges are dashed');
        const fallback = edges.filter((e) => e.kind === 'fallback');
        assert.equal(fallback.length, 1);
        assert.ok(!style('control').has(fallback[0].dash) && fallback[0].dash !== 'none', 'fallback edges are dotted, unlike control');
        const onPath = edges.filter((e) => price.edges.find((x) => x.id === e.id)?.flow === 'downstream');
        const offPath = edges.filter((e) => e.kind === 'data' && !onPath.includes(e));
        assert.ok(onPath.length >= 5 && offPath.length >= 1);
        assert.notEqual(onPath[0].stroke, offPath[0].stroke, 'the influence paths are coloured');

        assert.deepEqual(await page.textContent('#title'), 'total()');
        assert.match(await page.textContent('#subtitle') ?? '', /subject price · affects 4 · Δ = effect of shifting price by \+1/);
    });

    test('a click on a node asks the extension to reveal its definition', async () => {
        await page.click('g.node[data-id="subtotal@1"]');
        const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string; id?: string; range?: unknown }[] }).__posted);
        const reveal = posted.find((m) => m.type === 'reveal');
        assert.deepEqual(reveal, { type: 'reveal', id: 'subtotal@1', range: price.nodes.find((n) => n.id === 'subtotal@1')?.range });
    });

    test('no script error, no policy violation, nothing loaded from elsewhere; screenshot saved', async () => {
        await page.mouse.move(0, 0);
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
        assert.deepEqual(csp, []);
        assert.deepEqual(problems, []);
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const size = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.body.scrollHeight }));
        await page.setViewportSize({ width: 900, height: Math.ceil(size.h) });
        const png = await page.screenshot({ path: SCREENSHOT, fullPage: true });
        assert.ok(png.length > 10000, 'a real picture');
        if (README_SCREENSHOT) {
            fs.mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
            fs.writeFileSync(README_SCREENSHOT, png);
        }
    });
});
