import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveServer, type FileChecks } from '../../src/serverCommand';

function files(...paths: string[]): FileChecks {
    const set = new Set(paths.map((p) => path.normalize(p)));
    const dirs = new Set<string>();
    for (const p of set) {
        for (let d = path.dirname(p); d !== path.dirname(d); d = path.dirname(d)) {
            dirs.add(d);
        }
    }
    return { isFile: (p) => set.has(path.normalize(p)), isDirectory: (p) => dirs.has(path.normalize(p)) };
}

const checkout = files('/src/liftsys/liftsys', '/src/liftsys/server/pom.xml', '/ws/liftsys', '/ws/server/pom.xml');

test('the configured launcher wins (a file or the checkout folder)', () => {
    assert.deepEqual(resolveServer('/src/liftsys/liftsys', ['/ws'], '/ext', true, checkout).server,
        { command: '/src/liftsys/liftsys', args: ['serve'], cwd: '/src/liftsys', source: 'setting' });
    assert.equal(resolveServer('/src/liftsys', [], '/ext', false, checkout).server?.command, '/src/liftsys/liftsys');
    assert.match(resolveServer('/nowhere', [], '/ext', true, checkout).problem ?? '', /no liftsys launcher there/);
});

test('a launcher in a workspace folder is started only in a trusted workspace', () => {
    assert.equal(resolveServer('', ['/ws'], '/ext', true, checkout).server?.source, 'workspace');
    const untrusted = resolveServer('', ['/ws'], '/ext', false, checkout);
    assert.equal(untrusted.server, undefined);
    assert.deepEqual(untrusted.skippedUntrusted, ['/ws/liftsys']);
    assert.match(untrusted.problem ?? '', /not started in an untrusted workspace/);
});

test('else the checkout the extension was built in (clients/vscode)', () => {
    const r = resolveServer('', ['/elsewhere'], '/src/liftsys/clients/vscode', false, checkout);
    assert.deepEqual(r.server, { command: '/src/liftsys/liftsys', args: ['serve'], cwd: '/src/liftsys', source: 'extension' });
    assert.match(resolveServer('', [], '/ext', true, checkout).problem ?? '', /set liftsys.serverPath/);
});

const installed = files('/ext/server/bin/liftsys', '/ext/server/VERSION', '/ext/server/lib/liftsys-server.jar',
    '/opt/liftsys-0.1.0/bin/liftsys', '/opt/liftsys-0.1.0/VERSION', '/opt/liftsys-0.1.0/lib/liftsys-server.jar',
    '/ws/liftsys', '/ws/server/pom.xml');

test('the distribution bundled in the .vsix runs through bash, after the setting and a trusted workspace launcher', () => {
    assert.deepEqual(resolveServer('', ['/elsewhere'], '/ext', true, installed).server, {
        command: 'bash', args: ['/ext/server/bin/liftsys', 'serve'], cwd: '/ext/server', source: 'bundled', distribution: '/ext/server',
    });
    assert.equal(resolveServer('', ['/ws'], '/ext', true, installed).server?.source, 'workspace');
    // Untrusted: the workspace's launcher is skipped, the bundled server is used.
    const untrusted = resolveServer('', ['/ws'], '/ext', false, installed);
    assert.equal(untrusted.server?.source, 'bundled');
    assert.deepEqual(untrusted.skippedUntrusted, ['/ws/liftsys']);
});

test('liftsys.serverPath may name an unpacked distribution (its folder or its bin/liftsys)', () => {
    for (const setting of ['/opt/liftsys-0.1.0', '/opt/liftsys-0.1.0/bin/liftsys']) {
        const server = resolveServer(setting, [], '/ext', true, installed).server;
        assert.deepEqual(server?.args, ['/opt/liftsys-0.1.0/bin/liftsys', 'serve'], setting);
        assert.equal(server?.distribution, '/opt/liftsys-0.1.0');
    }
});
