import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialStatus, nextStatus, renderLanguageStatus, renderStatus, type StatusEvent, type StatusState } from '../../src/status';
import type { CausalImpactResult } from '../../src/protocol';
import { answer } from '../support/fixtures';

const run = (events: StatusEvent[], s: StatusState = initialStatus(true)): StatusState => events.reduce(nextStatus, s);

const fitted = answer('affine-u-quantified');
const degraded: CausalImpactResult = {
    ...fitted,
    model: { ...fitted.model, status: 'degraded' },
    degraded: { reason: 'timeout', message: 'The quantitative analysis ran out of its 30000 ms. Raise liftsys.timeoutMs.' },
};

test('starting, then ready when the client runs', () => {
    assert.equal(renderStatus(initialStatus(true)).text, '$(sync~spin) liftsys');
    const s = run([{ type: 'ready' }]);
    assert.equal(s.phase, 'ready');
    assert.equal(renderStatus(s).text, '$(pulse) liftsys');
});

test('progress from the server: fitting with its percentage, then back to ready', () => {
    let s = run([{ type: 'ready' }, { type: 'progressBegin', title: 'liftsys: quantifying impact', percent: 0 }]);
    assert.equal(renderStatus(s).text, '$(sync~spin) liftsys: fitting 0%');
    s = nextStatus(s, { type: 'progressReport', message: 'fitting the causal model', percent: 60 });
    assert.equal(renderStatus(s).text, '$(sync~spin) liftsys: fitting 60%');
    assert.match(renderStatus(s).tooltip, /fitting the causal model/);
    s = nextStatus(s, { type: 'progressEnd' });
    s = nextStatus(s, { type: 'answer', answer: fitted });
    assert.equal(s.phase, 'ready');
});

test('a degraded answer shows its reason until a good answer or a clear', () => {
    const s = run([{ type: 'ready' }, { type: 'progressBegin' }, { type: 'progressEnd' }, { type: 'answer', answer: degraded }]);
    assert.equal(s.phase, 'degraded');
    const v = renderStatus(s);
    assert.equal(v.text, '$(warning) liftsys: degraded (timeout)');
    assert.equal(v.severity, 'warning');
    assert.match(v.tooltip, /Raise liftsys.timeoutMs/);
    assert.equal(nextStatus(s, { type: 'answer', answer: { ...fitted, model: { ...fitted.model, status: 'structural' } } }).phase, 'degraded',
        'a structural answer says nothing about fits');
    assert.equal(nextStatus(s, { type: 'answer', answer: fitted }).phase, 'ready');
    assert.equal(nextStatus(s, { type: 'cleared' }).phase, 'ready');
});

test('an answer that arrives while another fit runs keeps fitting, and settles as degraded', () => {
    let s = run([{ type: 'ready' }, { type: 'progressBegin' }, { type: 'progressBegin' }, { type: 'answer', answer: degraded }]);
    assert.equal(s.phase, 'fitting');
    assert.match(renderStatus(s).text, /\(2\)$/);
    s = run([{ type: 'progressEnd' }, { type: 'progressEnd' }], s);
    assert.equal(s.phase, 'degraded');
});

test('stopped is an error that restarts on click; restricted in an untrusted workspace', () => {
    const s = run([{ type: 'stopped', error: 'no launcher' }]);
    assert.deepEqual({ ...renderStatus(s), tooltip: undefined }, { text: '$(error) liftsys: stopped', tooltip: undefined, command: 'liftsys.restartServer', severity: 'error' });
    assert.equal(nextStatus(s, { type: 'progressBegin' }).phase, 'stopped');
    const untrusted = run([{ type: 'ready' }], initialStatus(false));
    assert.equal(renderStatus(untrusted).text, '$(pulse) liftsys (restricted)');
    assert.match(renderStatus(untrusted).tooltip, /executeCode is forced off/);
    assert.equal(renderStatus(nextStatus(untrusted, { type: 'trust', trusted: true })).text, '$(pulse) liftsys');
});

test('first run: setting up with the environment\'s percentage, then starting, then "liftsys: ready" with the version', () => {
    let s = run([{ type: 'preparing', percent: 42, message: 'fetching numpy==2.4.6 (12 of 52)' }]);
    assert.equal(renderStatus(s).text, '$(sync~spin) liftsys: setting up 42%');
    assert.deepEqual(renderLanguageStatus(s), {
        text: 'liftsys: setting up 42%', detail: 'fetching numpy==2.4.6 (12 of 52)', severity: 'information', busy: true,
    });
    // A fit's progress cannot start while the server is not there yet.
    assert.equal(nextStatus(s, { type: 'progressBegin', title: 'x' }).phase, 'preparing');
    s = run([{ type: 'version', version: 'liftsys 0.1.0' }, { type: 'starting' }, { type: 'ready' }], s);
    assert.deepEqual(renderLanguageStatus(s), { text: 'liftsys: ready', detail: 'liftsys 0.1.0', severity: 'information', busy: false });
});

test('a note (no Python for effect sizes) survives a restart and shows as a warning', () => {
    const note = 'Effect sizes need Python 3.10 or later; found only Python 3.8.10 at /usr/bin/python3.';
    let s = run([{ type: 'note', note }, { type: 'starting' }, { type: 'ready' }]);
    assert.equal(renderLanguageStatus(s).text, 'liftsys: ready (structural only)');
    assert.equal(renderLanguageStatus(s).severity, 'warning');
    assert.equal(renderLanguageStatus(s).detail, note);
    assert.equal(renderStatus(s).severity, 'warning');
    s = nextStatus(s, { type: 'stopped', error: 'the server stopped' });
    assert.equal(renderLanguageStatus(s).severity, 'error');
    assert.equal(s.note, note);
});
