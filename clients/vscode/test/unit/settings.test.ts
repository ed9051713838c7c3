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

test('a failed trace offers what its message points at: the build file, the class path, the problem, never advice that does not fit', () => {
    const titles = (message: string) => degradedActions('trace-failed', true, message).map((a) => a.title);
    // The server's messages, word for word, by cause (Degradations.java, TraceAdvice.java, RunsReport.java).
    const missingWithPom = 'total cannot be run because Pricing.java does not compile: package org.apache.commons.math3.util does not exist at line 3. '
        + 'Declare the dependency that provides it in pom.xml (or add it to liftsys.classpath), then quantify again.';
    assert.deepEqual(titles(missingWithPom), ['Open pom.xml', 'Set liftsys.classpath', 'Show Problems', 'Show Server Output']);
    assert.deepEqual(degradedActions('trace-failed', true, missingWithPom)[0], { title: 'Open pom.xml', command: 'workbench.action.quickOpen', args: ['pom.xml'] });
    const missingAlone = 'Only 0 of the 300 planned runs of f completed (300 attempts): most executions threw java.lang.NoClassDefFoundError: org/x/Y (300 times). '
        + 'Add the library that provides it to liftsys.classpath, then quantify again.';
    assert.deepEqual(titles(missingAlone), ['Set liftsys.classpath', 'Show Server Output']);
    const gradle = 'Maven could not resolve the class path; check the dependencies in this build.gradle.kts';
    assert.deepEqual(titles(gradle), ['Open build.gradle.kts', 'Show Server Output']);
    const throwing = 'Only 120 of the 300 planned runs of divide completed (548 attempts): most executions threw java.lang.IllegalArgumentException: '
        + 'b must not be 0 (428 times). The method rejects most sampled inputs with that exception: guard or document the inputs it accepts '
        + '(liftsys learns ranges from guard clauses and constants), or quantify a caller that passes valid ones.';
    assert.deepEqual(titles(throwing), ['Show Server Output']);
    const syntax = 'total cannot be run because the file does not parse: unexpected "{" at line 9, column 28. Fix it, then quantify again.';
    assert.deepEqual(titles(syntax), ['Show Problems', 'Show Server Output']);
    const sandbox = 'The traced code tried to read a file (/etc/passwd). Traced code runs in a sandbox without files, network, processes or lasting threads; '
        + 'quantify a method that computes without them.';
    assert.deepEqual(titles(sandbox), ['Show Server Output']);
});

test('a click on a server lens is the causalImpact question at the method name', () => {
    assert.deepEqual(lensQuestion('liftsys.server.quantify', ['file:///a/P.java', 5, 18]),
        { uri: 'file:///a/P.java', position: { line: 5, character: 18 }, quantify: true });
    assert.equal(lensQuestion('liftsys.server.impact', ['file:///a/P.java', 5, 18])?.quantify, false);
    assert.equal(lensQuestion('liftsys.server.impact', ['file:///a/P.java', '5', 18]), undefined);
    assert.equal(lensQuestion('other.command', ['file:///a/P.java', 5, 18]), undefined);
});
