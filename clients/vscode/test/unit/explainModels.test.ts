import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driversDecorations, driversTree, formatShare } from '../../src/driversModel';
import { parseRunChange, replayDecorations, replayNote, replayTree } from '../../src/replayModel';
import { counterfactual, drivers } from '../support/fixtures';

test('what drives r = 10 * a + b: a first with 99% of the variance, then b, each with its interval', () => {
    const items = driversTree(drivers('wire-drive-drivers'), true);
    assert.deepEqual(items.map((i) => i.id), ['drivers:target', 'drivers:parents', 'drivers:ancestors', 'drivers:how']);
    assert.equal(items[0].label, 'r');
    assert.equal(items[0].description, 'local in drive() · what drives it');
    assert.equal(items[1].label, 'Direct inputs (2)');
    assert.deepEqual(items[1].children?.map((c) => `${c.label}: ${c.description}`), [
        'a: parameter · 98.9% · 6060 [5170, 6720]',
        'b: parameter · 1.12% · 68.5 [63.1, 72.7]',
    ]);
    assert.deepEqual(items[1].children?.[0].range?.start, { line: 5, character: 31 }, 'a driver reveals its declaration');
    assert.equal(items[2].children?.[0].label, 'a');
    assert.equal(items[3].label, 'Measured on the variance of r');
    assert.equal(items[3].description, '95% intervals over 10 resamples of the runs');
    assert.equal(formatShare(null), '?');
});

test('drivers in the editor: the target, and each direct input with its share', () => {
    const decorations = driversDecorations(drivers('wire-drive-drivers'));
    assert.deepEqual(decorations.map((d) => `${d.kind}${d.after ?? ''}`), ['subject ◆ what drives it', 'upstream ↑ 98.9% of r', 'upstream ↑ 1.12% of r']);
});

test('a degraded ranking shows why, not an empty list', () => {
    const items = driversTree({ ...drivers('wire-drive-drivers'), parents: [], ancestors: [],
        degraded: { reason: 'execution-disabled', message: 'Set liftsys.executeCode to true.' } }, true);
    assert.deepEqual(items.map((i) => i.id), ['drivers:target', 'degraded']);
});

test('run 3 of drive with a +2: each variable recorded, replayed by DoWhy and measured in the code', () => {
    const answer = counterfactual('wire-drive-counterfactual');
    assert.equal(replayNote(answer.entries[0]), '-93.1 → -73.1 · DoWhy +20 (exact) · measured +20');
    const items = replayTree(answer, true);
    assert.deepEqual(items.map((i) => i.id), ['replay:subject', 'replay:inputs', 'replay:entries']);
    assert.equal(items[0].description, 'parameter in drive() · run 3 · a +2');
    assert.equal(items[1].description, 'a = -9.31, b = 0');
    assert.deepEqual(items[2].children?.map((c) => `${c.label}: ${c.description}`), [
        'r: -93.1 → -73.1 · DoWhy +20 (exact) · measured +20',
        'return: -93.1 → -73.1 · DoWhy +20 (exact) · measured +20',
    ]);
    assert.deepEqual(replayDecorations(answer).map((d) => d.after), [' ◆ a +2 in run 3', ' -93.1 → -73.1 · DoWhy +20 (exact) · measured +20',
        ' -93.1 → -73.1 · DoWhy +20 (exact) · measured +20']);
});

test('a run DoWhy cannot replay, or the code cannot rerun, says why; model and code disagreeing is flagged', () => {
    const answer = counterfactual('wire-drive-counterfactual');
    const entry = answer.entries[0];
    const broken = {
        ...answer,
        available: false,
        unavailable: 'the model has no noise for this run',
        unmeasured: 'The run threw once changed.',
        entries: [{ ...entry, counterfactual: null, change: null, measured: null }, { ...entry, measured: -80 }],
    };
    const items = replayTree(broken, true);
    const rows = items[2].children ?? [];
    assert.equal(rows[0].description, '-93.1 → ? · DoWhy cannot replay it · not measured');
    assert.equal(rows[1].icon, 'warning', 'DoWhy -73.1 against -80 measured');
    assert.deepEqual(items.slice(3).map((i) => i.label), ['DoWhy cannot replay this run: the model has no noise for this run', 'Not measured: The run threw once changed.']);
});

test('what the user types for one run: a value to set, or an amount to add', () => {
    assert.deepEqual(parseRunChange('set', ' 12 '), { ok: true, change: { set: { to: 12 } } });
    assert.deepEqual(parseRunChange('set', 'true'), { ok: true, change: { set: { to: true } } });
    assert.deepEqual(parseRunChange('shift', '-0.5'), { ok: true, change: { shift: -0.5 } });
    assert.equal(parseRunChange('shift', 'true').ok, false);
    assert.equal(parseRunChange('set', 'twelve').ok, false);
});
