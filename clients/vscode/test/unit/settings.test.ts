import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forwardedSettings } from '../../src/settings';
import { degradedActions, isWarning } from '../../src/degraded';
import { lensQuestion } from '../../src/lens';

const defaults: Record<string, unknown> = {
    serverPath: '', python: '', timeoutMs: 30000, samples: 500, executeCode: true, classpath: [], seed: 0,
    quality: 'GOOD', minQuality: 0.7, codeLens: true, inlayHints: true, warmUp: true,
};
const getter = (values: Record<string, unknown>) => (key: string): unknown => ({ ...defaults, ...values })[key];

test('every server key is forwarded; an empty python is left to the server', () => {
    const { settings, executeCodeForcedOff } = forwardedSettings(getter({}), true);
    assert.deepEqual(settings, {
        timeoutMs: 30000, samples: 500, seed: 0, minQuality: 0.7, executeCode: true, codeLens: true, inlayHints: true, warmUp: true,
        classpath: [], quality: 'GOOD',
    });
    assert.equal(executeCodeForcedOff, false);
    assert.equal(forwardedSettings(getter({ python: '/opt/py/bin/python' }), true).settings.python, '/opt/py/bin/python');
});

test('values of the wrong type are left out so the server keeps its default', () => {
    const { settings } = forwardedSettings(getter({ samples: 'many', classpath: ['a.jar', 3], quality: 'GREAT', executeCode: 'yes' }), true);
    assert.equal('samples' in settings, false);
    assert.equal('classpath' in settings, false);
    assert.equal('quality' in settings, false);
    assert.equal('executeCode' in settings, false);
});

test('an untrusted workspace forces executeCode off and says so only when it overrides the user', () => {
    const forced = forwardedSettings(getter({ executeCode: true }), false);
    assert.equal(forced.settings.executeCode, false);
    assert.equal(forced.executeCodeForcedOff, true);
    const already = forwardedSettings(getter({ executeCode: false }), false);
    assert.equal(already.settings.executeCode, false);
    assert.equal(already.executeCodeForcedOff, false);
});

test('each degraded reason has an action; timeout and trace-failed are warnings', () => {
    for (const reason of ['sidecar-unavailable', 'timeout', 'circuit-open', 'trace-failed', 'unsupported', 'execution-disabled'] as const) {
        assert.ok(degradedActions(reason, true).length > 0, reason);
    }
    assert.deepEqual(degradedActions('timeout', true)[0], { title: 'Raise liftsys.timeoutMs', command: 'workbench.action.openSettings', args: ['liftsys.timeoutMs'] });
    assert.equal(degradedActions('execution-disabled', false)[0].command, 'workbench.trust.manage');
    assert.ok(isWarning('timeout') && isWarning('trace-failed') && !isWarning('sidecar-unavailable'));
});

test('a click on a server lens is the causalImpact question at the method name', () => {
    assert.deepEqual(lensQuestion('liftsys.server.quantify', ['file:///a/P.java', 5, 18]),
        { uri: 'file:///a/P.java', position: { line: 5, character: 18 }, quantify: true });
    assert.equal(lensQuestion('liftsys.server.impact', ['file:///a/P.java', 5, 18])?.quantify, false);
    assert.equal(lensQuestion('liftsys.server.impact', ['file:///a/P.java', '5', 18]), undefined);
    assert.equal(lensQuestion('other.command', ['file:///a/P.java', 5, 18]), undefined);
});
