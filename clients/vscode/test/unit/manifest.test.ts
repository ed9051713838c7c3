/** package.json against the code: commands, menus, settings and colours that exist on both sides. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { EXTENSION_DIR } from '../support/fixtures';

interface Manifest {
    main: string;
    license: string;
    private?: boolean;
    icon: string;
    repository?: unknown;
    bugs?: unknown;
    version: string;
    scripts: Record<string, string>;
    engines: { vscode: string };
    devDependencies: Record<string, string>;
    dependencies: Record<string, string>;
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
    contributes: {
        commands: { command: string }[];
        menus: Record<string, { command: string }[]>;
        views: Record<string, { id: string; name: string }[]>;
        colors: { id: string }[];
        configuration: { properties: Record<string, unknown> };
    };
}

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8')) as Manifest;
const source = (file: string): string => fs.readFileSync(path.join(EXTENSION_DIR, 'src', file), 'utf8');
const code = fs.readdirSync(path.join(EXTENSION_DIR, 'src')).filter((f) => f.endsWith('.ts')).map(source).join('\n');

test('every contributed command is registered, and every menu item names a contributed command', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    const registered = [...source('extension.ts').matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual([...contributed].sort(), [...registered].sort());
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
        for (const item of items) {
            assert.ok(contributed.includes(item.command), `${menu}: ${item.command}`);
        }
    }
    const context = manifest.contributes.menus['editor/context'].map((c) => c.command);
    for (const c of ['liftsys.affects', 'liftsys.affectedBy', 'liftsys.both', 'liftsys.quantify', 'liftsys.showGraph', 'liftsys.clear']) {
        assert.ok(context.includes(c), `${c} in the editor context menu`);
    }
});

test('commands named by the pure models exist (ours, or VS Code\'s own)', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const named = [...code.matchAll(/command: '([^']+)'/g)].map((m) => m[1]);
    for (const c of named) {
        assert.ok(contributed.has(c) || c.startsWith('workbench.'), c);
    }
});

test('the "Causal impact" view, the settings the server reads, and the theme colours the code uses are contributed', () => {
    assert.ok(Object.values(manifest.contributes.views).flat().some((v) => v.id === 'liftsys.impact' && v.name === 'Causal impact'));
    const settings = Object.keys(manifest.contributes.configuration.properties);
    for (const key of ['python', 'timeoutMs', 'samples', 'executeCode', 'classpath', 'seed', 'quality', 'minQuality', 'codeLens', 'inlayHints', 'warmUp', 'serverPath']) {
        assert.ok(settings.includes(`liftsys.${key}`), key);
    }
    const colours = new Set(manifest.contributes.colors.map((c) => c.id));
    for (const m of code.matchAll(/'(liftsys\.[a-zA-Z]+(?:Background|Border|Foreground))'/g)) {
        assert.ok(colours.has(m[1]), m[1]);
    }
    const css = fs.readFileSync(path.join(EXTENSION_DIR, 'media', 'graph.css'), 'utf8');
    for (const m of css.matchAll(/--vscode-liftsys-([a-zA-Z]+)/g)) {
        assert.ok(colours.has(`liftsys.${m[1]}`), m[1]);
    }
});

test('limited support in untrusted workspaces; exact pins; the bundle is the entry point', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('liftsys.executeCode'));
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
        assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned exactly`);
    }
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.devDependencies['@types/vscode'], manifest.engines.vscode.replace(/^\^/, ''));
});

test('marketplace-ready: a real licence (the repository\'s), an icon inside the package, no invented repository, not private', () => {
    assert.equal(manifest.license, 'Apache-2.0');
    assert.equal(manifest.private, undefined);
    assert.match(fs.readFileSync(path.join(EXTENSION_DIR, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
    const icon = fs.readFileSync(path.join(EXTENSION_DIR, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString(), 'PNG');
    // No public repository exists: no repository or bugs URL is made up, and packaging says so
    // explicitly instead of stopping at vsce's question (README: the manifest).
    assert.equal(manifest.repository, undefined);
    assert.equal(manifest.bugs, undefined);
    assert.match(manifest.scripts.package, /--allow-missing-repository/);
    assert.doesNotMatch(manifest.scripts.package, /--skip-license/);
    const ignore = fs.readFileSync(path.join(EXTENSION_DIR, '.vscodeignore'), 'utf8');
    for (const kept of ['!LICENSE', '!images/*.png', '!server/**']) {
        assert.ok(ignore.split('\n').includes(kept), kept);
    }
    const pom = fs.readFileSync(path.join(EXTENSION_DIR, '..', '..', 'pom.xml'), 'utf8');
    assert.equal(manifest.version, /^ {2}<version>(.*)<\/version>$/m.exec(pom)?.[1], 'the extension and the distribution share a version');
});

test('README images are inside the package (images/, copied from docs/ by ./liftsys package)', () => {
    const readme = fs.readFileSync(path.join(EXTENSION_DIR, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0);
    for (const image of images) {
        assert.match(image, /^images\/[\w-]+\.png$/, image);
        const docs = path.join(EXTENSION_DIR, '..', '..', 'docs', path.basename(image));
        assert.ok(fs.existsSync(path.join(EXTENSION_DIR, image)) || fs.existsSync(docs), image);
    }
});
