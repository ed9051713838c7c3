/**
 * The extension in a real VS Code (code-server 4.139.1, VS Code 1.139.1), driven through its UI in
 * Debian's Chromium as a user does: install the .vsix that `./liftsys package` made, open a Java
 * file of a fixture workspace, run each command, and read what is on screen (the status items,
 * the after-texts and inlay hints in the editor, the "Causal impact" tree, the graph panel, the
 * notifications, the output). Two editors, each fresh:
 *   1. the first run, in an untrusted workspace: the DoWhy environment is made in a fresh data
 *      directory, with progress; then structural answers only, executeCode forced off;
 *   2. a fresh editor on the made environment: every command (a set far outside the sampled range,
 *      what drives a value, what if in one run), and the time from opening the file to the first
 *      quantified answer on screen, with the time of each step before it.
 * Environment: LIFTSYS_CODE_SERVER (the cache install.sh printed), LIFTSYS_VSIX, LIFTSYS_SCREENSHOTS
 * (a folder for the PNGs; docs/ when set by ./liftsys test --screenshots).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { EXTENSION_DIR, REPO_ROOT } from '../support/fixtures';
import {
    expandView, goTo, installation, installExtension, launchBrowser, lensTexts, makeProfile, notifications, openFile, openWorkbench, pick, runCommand,
    shownLines, startCodeServer, statusItems, typeInput, until, viewRows, type Installation, type Profile, type Running, type ShownLine,
} from './codeServer';

const CACHE = process.env.LIFTSYS_CODE_SERVER ?? '';
const VSIX = process.env.LIFTSYS_VSIX ?? path.join(REPO_ROOT, 'dist', 'liftsys-0.1.0.vsix');
const ARTIFACTS = path.join(EXTENSION_DIR, 'test-artifacts', 'host');
const SCREENSHOTS = process.env.LIFTSYS_SCREENSHOTS ?? ARTIFACTS;
const TIMINGS = path.join(ARTIFACTS, 'timings.json');

const SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    'extensions.ignoreRecommendations': true,
    'editor.minimap.enabled': false,
    'editor.inlayHints.enabled': 'on',
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'liftsys.samples': 300,
    // A shared machine may be slow to start the sidecar; the suite checks what is shown, not the budget.
    'liftsys.timeoutMs': 120000,
};

let inst: Installation;
let root: string;
let workspace: string;
let dataHome: string;
let browser: Browser;
const timings: Record<string, number | string> = {};
const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

/** The fixture workspace: examples/Pricing.java in a Maven-shaped project. */
function makeWorkspace(dir: string): string {
    const file = path.join(dir, 'src', 'main', 'java', 'shop', 'Pricing.java');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'examples', 'Pricing.java'), file);
    fs.writeFileSync(path.join(dir, 'pom.xml'), '<project><modelVersion>4.0.0</modelVersion><groupId>shop</groupId>'
        + '<artifactId>shop</artifactId><version>1</version></project>\n');
    return dir;
}

interface Editor {
    server: Running;
    page: Page;
    problems: string[];
    close(): Promise<void>;
}

/** The log files under the user-data folder whose names match (VS Code writes its logs there). */
function logFiles(profile: Profile, name: RegExp): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
            const p = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                walk(p);
            } else if (name.test(entry.name)) {
                found.push(p);
            }
        }
    };
    walk(path.join(profile.userData, 'logs'));
    return found;
}

/** Whether the liftsys output says the server is up ("liftsys 0.1.0 ready", after initialize). */
function serverUp(profile: Profile): boolean {
    return logFiles(profile, /liftsys\.log$/i).some((f) => /\[info\] liftsys \S+ ready$/m.test(fs.readFileSync(f, 'utf8')));
}

/** Keeps the liftsys output channel's log and the extension host's, for a look after a run. */
function keepLogs(profile: Profile, name: string): void {
    const found = logFiles(profile, /(liftsys|exthost)\.log$/i);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    found.forEach((f, i) => fs.copyFileSync(f, path.join(ARTIFACTS, `${name}-${path.basename(f, '.log').replace(/^\d+-/, '')}${i === 0 ? '' : `-${i}`}.log`)));
}

async function openEditor(profile: Profile, workspaceTrust: boolean, folder: string): Promise<Editor> {
    const server = await startCodeServer(inst, profile, { workspaceTrust });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
        const u = new URL(r.url());
        // A webview's own files are named *.vscode-resource.vscode-cdn.net; its service worker
        // serves them from the extension's folder through code-server.
        const local = ['127.0.0.1', 'localhost'].includes(u.hostname) || u.hostname.endsWith('.vscode-resource.vscode-cdn.net');
        if (!local && !['data:', 'blob:', 'vscode-file:'].includes(u.protocol)) {
            problems.push(`request off the machine: ${r.url()}`);
        }
    });
    await openWorkbench(page, server.url, folder);
    return {
        server, page, problems,
        close: async () => {
            await context.close();
            await server.stop();
            keepLogs(profile, path.basename(path.dirname(profile.userData)));
        },
    };
}

const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: path.join(SCREENSHOTS, name) });

/** The line showing this code, inlay hints ("Δ+4.00", drawn inside the text) left out. */
function lineWith(lines: ShownLine[], code: string): ShownLine | undefined {
    return lines.find((l) => l.text.replace(/ ?Δ[+-][\d.e+-]+ ?/g, ' ').replace(/ {2,}/g, ' ').includes(code));
}

/** The liftsys status bar item's text ("liftsys", "liftsys: setting up 42%", ...). */
async function liftsysStatus(page: Page): Promise<string> {
    return page.evaluate(() => (document.getElementById('liftsys.liftsys.liftsys.status')?.innerText ?? '').trim());
}

async function quantify(page: Page, shift: string): Promise<void> {
    await runCommand(page, 'liftsys: Quantify impact (shift or set)…');
    await pick(page, 'Shift');
    await typeInput(page, shift);
}

/** The webview frame of the graph panel (VS Code nests the page in an inner iframe). */
async function graphFrame(page: Page): Promise<Frame | undefined> {
    for (const frame of page.frames()) {
        if (await frame.locator('svg#graph').count().catch(() => 0) > 0) {
            return frame;
        }
    }
    return undefined;
}

describe('the extension in a real VS Code (code-server)', { concurrency: false }, () => {
    before(async () => {
        assert.ok(CACHE, 'LIFTSYS_CODE_SERVER names the code-server install (test/host/install.sh)');
        assert.ok(fs.existsSync(VSIX), `${VSIX} exists (./liftsys package)`);
        inst = installation(CACHE);
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        root = fs.mkdtempSync(path.join(os.tmpdir(), 'liftsys-host-'));
        workspace = makeWorkspace(path.join(root, 'shop'));
        // A fresh data directory: the first run makes the DoWhy environment there.
        dataHome = path.join(root, 'data');
        browser = await launchBrowser();
    });

    after(async () => {
        await browser?.close();
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        fs.writeFileSync(TIMINGS, JSON.stringify(timings, null, 2));
        process.stdout.write(`extension host timings: ${JSON.stringify(timings)}\n`);
        if (root) {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    test('installing the .vsix is the whole install', async () => {
        const profile = makeProfile(root, 'install', { XDG_DATA_HOME: dataHome }, SETTINGS);
        const out = await installExtension(inst, profile, VSIX);
        assert.match(out, /successfully installed/);
        const installed = fs.readdirSync(profile.extensions).find((d) => d.startsWith('liftsys.liftsys-'));
        assert.ok(installed, fs.readdirSync(profile.extensions).join(', '));
        for (const f of ['server/bin/liftsys', 'server/lib/liftsys-server.jar', 'server/VERSION', 'LICENSE.txt', 'images/icon.png']) {
            assert.ok(fs.existsSync(path.join(profile.extensions, installed, f)), f);
        }
    });

    test('first run, in an untrusted workspace: the DoWhy environment is made with progress, then structural answers only', async () => {
        const profile = makeProfile(root, 'first-run', { XDG_DATA_HOME: dataHome }, SETTINGS);
        const folder = makeWorkspace(path.join(root, 'untrusted-shop'));
        const editor = await openEditor(profile, true, folder);
        const { page } = editor;
        try {
            const started = Date.now();
            await openFile(page, 'Pricing.java');
            const progress = await until(() => notifications(page), (n) => n.some((t) => t.includes('making the DoWhy environment')), 30_000);
            assert.ok(progress.some((t) => t.includes('liftsys: making the DoWhy environment')), progress.join('\n'));
            const setting = await until(() => liftsysStatus(page), (s) => /setting up \d+%/.test(s), 30_000);
            assert.match(setting, /liftsys: setting up \d+%/);
            // The picture once packages are coming in, the notification opened to show its progress.
            await until(() => liftsysStatus(page), (s) => Number(/(\d+)%/.exec(s)?.[1] ?? 0) >= 10, 60_000, 500);
            await page.locator('.notification-list-item', { hasText: 'making the DoWhy environment' }).first().hover().catch(() => undefined);
            await page.locator('.notification-list-item .codicon-notifications-expand').first().click({ timeout: 3000 }).catch(() => undefined);
            await page.waitForTimeout(500);
            await shot(page, 'vscode-first-run.png');
            // The environment is the user's (in the data directory), so it is made in an untrusted
            // workspace too; the server then runs restricted.
            const ready = await until(() => liftsysStatus(page), (s) => s === 'liftsys (restricted)', 15 * 60_000, 1000);
            timings.firstRunEnvironmentSeconds = seconds(started);
            timings.loadAverageDuringFirstRun = os.loadavg()[1];
            assert.equal(ready, 'liftsys (restricted)', `the status after the first run: ${ready}`);
            const env = path.join(dataHome, 'liftsys', '0.1.0', 'dowhy-env');
            assert.ok(fs.existsSync(path.join(env, '.liftsys-stamp')), `${env} is made and stamped`);
            assert.ok(fs.existsSync(path.join(env, 'bin', 'python')));
            // The lenses come from the bundled server.
            const lenses = await until(() => lensTexts(page), (l) => l.some((x) => x.includes('price affects 4')), 30_000);
            assert.ok(lenses.some((l) => l.startsWith('price affects 4 · quantity affects 4 · shipping affects 1')), lenses.join('\n'));

            // Untrusted: said once, structural answers, and a quantification that does not run the code.
            const told = await until(() => notifications(page), (n) => n.some((t) => t.includes('not trusted')), 15_000);
            assert.ok(told.some((t) => t.includes('liftsys.executeCode is forced off')), told.join('\n'));
            await goTo(page, 16, 33);
            await runCommand(page, 'liftsys: What does this affect? (downstream)');
            const lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double w =')?.injected ?? []).length > 0, 15_000);
            assert.deepEqual(lineWith(lines, 'double w =')?.injected, [' ← u · 1 step']);
            await quantify(page, '1');
            const rows = await until(() => viewRows(page, 'Causal impact'), (r) => r.some((x) => x.startsWith('Effect sizes unavailable')), 30_000);
            assert.ok(rows.some((r) => r.startsWith('Effect sizes unavailable: execution disabled')), rows.join('\n'));
            assert.deepEqual(editor.problems, []);
        } finally {
            await editor.close();
        }
    });

    test('a fresh editor: every command, what it shows, and the time to the first quantified answer', async () => {
        const profile = makeProfile(root, 'fresh', { XDG_DATA_HOME: dataHome }, SETTINGS);
        const editor = await openEditor(profile, false, workspace);
        const windowShown = Date.now();
        const { page } = editor;
        try {
            // The folder has a pom.xml: the extension starts with the window, before any file is
            // open, and the server with it (which starts the DoWhy sidecar and the build's resolve).
            timings.windowShownAt = new Date(windowShown).toISOString();
            assert.ok(await until(() => Promise.resolve(serverUp(profile)), (up) => up, 60_000, 100), 'the server runs before a Java file is opened');
            timings.serverReadyFromWindowSeconds = seconds(windowShown);
            // Then open the file and ask at once: u in affine, shifted by 1. The steps' times, with
            // the clock time of the opening, line up with the liftsys and extension host logs kept.
            const opened = Date.now();
            timings.openedAt = new Date(opened).toISOString();
            await openFile(page, 'Pricing.java');
            timings.fileShownSeconds = seconds(opened);
            await goTo(page, 16, 33);
            await quantify(page, '1');
            timings.askedSeconds = seconds(opened);
            let lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double w =')?.injected ?? []).some((t) => t.includes('Δ +4')), 150_000, 100);
            timings.firstQuantifiedAnswerSeconds = seconds(opened);
            timings.firstQuantifiedAnswerFromWindowSeconds = seconds(windowShown);
            await expandView(page, 'Causal impact');
            const firstRows = await until(() => viewRows(page, 'Causal impact'), (r) => r.length > 0, 10_000);
            assert.ok(firstRows.some((r) => r.startsWith('Model: fitted')), `the first answer: ${firstRows.join('\n')}`);
            timings.loadAverageThen = os.loadavg()[0];
            const w = lineWith(lines, 'double w =');
            assert.deepEqual(w?.injected.filter((t) => t.includes('Δ')), [' Δ +4 (exact)'], JSON.stringify(w));
            assert.ok(!w?.text.includes('Δ+4.00'), `one display of the effect on w: ${JSON.stringify(w)}`);
            assert.deepEqual(lineWith(lines, 'double z =')?.injected.filter((t) => t.includes('Δ')), [' Δ +4 (exact)']);
            assert.deepEqual(lineWith(lines, 'return 0.5 * z + 3')?.injected.filter((t) => t.includes('Δ')), [' Δ +2 (exact)']);
            assert.ok(lineWith(lines, 'static double affine(')?.injected.includes(' ◆ shift +1'));

            let rows = await until(() => viewRows(page, 'Causal impact'), (r) => r.some((x) => x.startsWith('Model: fitted')), 10_000);
            assert.ok(rows[0]?.startsWith('u parameter in affine() · downstream · shift +1'), rows.join('\n'));
            assert.ok(rows.some((r) => r.startsWith('Affects (3)')), rows.join('\n'));
            assert.ok(rows.some((r) => /^w local · distance 1 · u → w · Δ \+4 \(exact\)/.test(r)), rows.join('\n'));
            assert.equal(await liftsysStatus(page), 'liftsys');

            // Clear: the after-texts go, and the server's hints (the cached effects) are shown again.
            await runCommand(page, 'liftsys: Clear causal impact');
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double w =')?.text ?? '').includes('Δ+4.00'), 15_000);
            assert.equal(lineWith(lines, 'double w =')?.injected.some((t) => t.includes('Δ')), false);
            assert.ok(lineWith(lines, 'double w =')?.text.includes('Δ+4.00'), JSON.stringify(lineWith(lines, 'double w =')));
            assert.deepEqual(await viewRows(page, 'Causal impact'), []);

            // What does price affect? Highlights with notes after the statements, the tree.
            await goTo(page, 6, 32);
            await runCommand(page, 'liftsys: What does this affect? (downstream)');
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'return net + shipping')?.injected ?? []).length > 0, 15_000);
            assert.deepEqual(lineWith(lines, 'double subtotal =')?.injected, [' ← price · 1 step']);
            assert.deepEqual(lineWith(lines, 'double discount = 0.0')?.injected, [' ← price · 2 steps']);
            assert.deepEqual(lineWith(lines, 'return net + shipping')?.injected, [' ← price · 3 steps']);
            rows = await until(() => viewRows(page, 'Causal impact'), (r) => r.some((x) => x.startsWith('Affects (4)')), 10_000);
            assert.deepEqual(rows.slice(2, 6).map((r) => r.split(' ')[0]), ['subtotal', 'discount', 'net', 'return'], rows.join('\n'));
            await shot(page, 'vscode-impact.png');

            // What affects discount (upstream), and both ways.
            await goTo(page, 10, 17);
            await runCommand(page, 'liftsys: What affects this? (upstream)');
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double subtotal =')?.injected ?? []).some((t) => t.includes('→ discount')), 15_000);
            assert.deepEqual(lineWith(lines, 'double subtotal =')?.injected, [' → discount · 1 step']);
            await runCommand(page, 'liftsys: Causal impact both ways');
            rows = await until(() => viewRows(page, 'Causal impact'), (r) => r.some((x) => x.startsWith('Affected by')) && r.some((x) => x.startsWith('Affects')), 10_000);
            assert.ok(rows[0]?.includes('both ways'), rows.join('\n'));

            // Quantify price in total: effects after the statements, the model in the tree.
            await goTo(page, 6, 32);
            await quantify(page, '1');
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double subtotal =')?.injected ?? []).some((t) => t.includes('Δ')), 60_000);
            assert.match(lineWith(lines, 'double subtotal =')?.injected.join('') ?? '', /^ Δ \+[\d.]+ \[[\d.]+, [\d.]+\]$/);
            await page.waitForTimeout(500);
            await shot(page, 'vscode-quantify.png');

            // The graph panel of total.
            await runCommand(page, 'liftsys: Show causal graph of this method');
            const frame = await until(() => graphFrame(page), (f) => f !== undefined, 30_000);
            assert.ok(frame, 'the graph panel shows its page');
            const nodes = await until(() => frame.locator('g.node').count(), (n) => n > 0, 15_000);
            assert.ok(nodes >= 8, `nodes drawn: ${nodes}`);
            assert.equal(await frame.locator('g.node.subject').count(), 1);
            assert.ok(await frame.locator('g.node.downstream').count() >= 4);
            await page.waitForTimeout(500);
            await shot(page, 'vscode-graph.png');

            // Show output and version.
            await runCommand(page, 'liftsys: Show output and version');
            const output = await until(() => page.evaluate(() => document.querySelector('.part.panel')?.textContent ?? ''),
                (t) => t.includes('liftsys versions'), 15_000);
            assert.match(output.replace(/\s+/g, ' '), /server liftsys 0\.1\.0/);
            assert.match(output.replace(/\s+/g, ' '), /distribution 0\.1\.0/);

            // The language status item beside "Java": hovering the {} shows "liftsys: ready".
            await page.locator('#status\\.languageStatus').hover();
            const hover = await until(() => page.evaluate(() => document.querySelector('.hover-language-status, .monaco-hover')?.textContent ?? ''),
                (t) => t.includes('liftsys'), 10_000);
            assert.match(hover, /liftsys: ready/);
            assert.match(hover, /liftsys 0\.1\.0/);
            assert.ok((await statusItems(page)).includes('liftsys'));
            await page.keyboard.press('Escape');

            // u set far outside the range it was sampled in: the server runs the code again with u drawn
            // there (an experiment), so the effect is right with nothing against it, and a note says so.
            await goTo(page, 16, 33);
            await runCommand(page, 'liftsys: Quantify impact (shift or set)…');
            await pick(page, 'Set');
            await typeInput(page, '0, 1000');
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double w =')?.injected ?? []).some((t) => t.includes('+4000')), 60_000);
            assert.ok(!(lineWith(lines, 'double w =')?.injected ?? []).some((t) => t.includes('⚠')), JSON.stringify(lineWith(lines, 'double w =')));
            // (the note that u was drawn there is checked in the contract suite, in the view's model)

            // What drives z (= w + 2v = 4u + v): its direct inputs w and v, and upstream u first.
            await goTo(page, 20, 22);
            await runCommand(page, 'liftsys: What drives this value?');
            rows = await until(() => viewRows(page, 'Causal impact'), (r) => r.some((x) => x.startsWith('Everything upstream')), 60_000);
            assert.match(rows[0] ?? '', /^z local in affine\(\) · what drives it/, rows.join('\n'));
            assert.match(rows[1] ?? '', /^Direct inputs \(2\)/, rows.join('\n'));
            assert.deepEqual(rows.slice(2, 4).map((r) => r.split(' ')[0]).sort(), ['v', 'w'], rows.join('\n'));
            const upstream = rows.findIndex((r) => r.startsWith('Everything upstream'));
            assert.match(rows[upstream + 1] ?? '', /^u parameter · \d+(\.\d+)?% · \S+ \[\S+, \S+\]$/, rows.join('\n'));
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double w =')?.injected ?? []).some((t) => t.includes('of z')), 10_000);
            assert.match(lineWith(lines, 'double w =')?.injected.join('') ?? '', /^ ↑ \d+(\.\d+)?% of z$/);
            await page.waitForTimeout(300);
            await shot(page, 'vscode-drivers.png');

            // What if, in the first recorded run, u were 2 more: w and z +8, return +4, modelled and measured.
            await goTo(page, 16, 33);
            await runCommand(page, 'liftsys: What if, in one run…');
            await pick(page, 'Shift');
            await typeInput(page, '2');
            await pick(page, 'The first recorded run');
            lines = await until(() => shownLines(page), (l) => (lineWith(l, 'double w =')?.injected ?? []).some((t) => t.includes('measured')), 60_000);
            assert.match(lineWith(lines, 'double w =')?.injected.join('') ?? '', /^ \S+ → \S+ · DoWhy \+8 \(exact\) · measured \+8$/);
            assert.match(lineWith(lines, 'return 0.5 * z + 3')?.injected.join('') ?? '', /· DoWhy \+4 \(exact\) · measured \+4$/);
            rows = await until(() => viewRows(page, 'Causal impact'), (r) => r.some((x) => x.startsWith('Changes (3)')), 10_000);
            assert.ok(rows[0]?.startsWith('u parameter in affine() · run 0 (the first) · u +2'), rows.join('\n'));
            await page.waitForTimeout(300);
            await shot(page, 'vscode-what-if.png');
            assert.deepEqual(editor.problems, []);
        } finally {
            await editor.close();
        }
    });
});
