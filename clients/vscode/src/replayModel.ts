/**
 * An answer of `liftsys/counterfactual` ("What if, in one run...") as the items of the "Causal
 * impact" tree: the run's inputs, and for each downstream variable its recorded value, the value in
 * DoWhy's replay of the changed run (with its interval) and the value the code computes when the
 * run is run again with the change. What the user typed is parsed here too. No `vscode`.
 */
import { degradedItem, kindIcon, type TreeItemModel } from './answerModel';
import { formatEffect, formatNumber, formatPosition, formatSigned } from './format';
import type { DecorationModel } from './decorations';
import type { CounterfactualEntry, CounterfactualResult, RunChange } from './protocol';

export type ParsedRunChange = { ok: true; change: RunChange } | { ok: false; error: string };

/** "12" or "true" (set to), for `set`; "2" or "-0.5" (added), for `shift`. */
export function parseRunChange(mode: 'set' | 'shift', text: string): ParsedRunChange {
    const t = text.trim();
    if (mode === 'set' && (t === 'true' || t === 'false')) {
        return { ok: true, change: { set: { to: t === 'true' } } };
    }
    const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
    if (!Number.isFinite(n)) {
        return { ok: false, error: mode === 'set' ? `"${t}" is not a number (or true/false); type the new value, e.g. 12`
            : `"${t}" is not a number; type the amount to add, e.g. 2 or -0.5` };
    }
    return { ok: true, change: mode === 'set' ? { set: { to: n } } : { shift: n } };
}

/** "run 0 (the first)", "run 3": the server's own numbering of the traced runs, as its messages use. */
export function describeRun(run: number): string {
    return run === 0 ? 'run 0 (the first)' : `run ${run}`;
}

/** What changed in a variable, modelled and measured: "33.5 → 53.5 · DoWhy +20 (exact) · measured +20". */
export function replayNote(e: CounterfactualEntry): string {
    const parts = [`${formatNumber(e.factual)} → ${formatNumber(e.counterfactual ?? e.measured)}`];
    parts.push(e.change ? `DoWhy ${formatEffect(e.change)}` : 'DoWhy cannot replay it');
    if (e.measured !== null && e.factual !== null) {
        parts.push(`measured ${formatSigned(e.measured - e.factual)}`);
    } else {
        parts.push('not measured');
    }
    return parts.join(' · ');
}

/** Whether DoWhy's replay and the code's rerun give different values (at the precision shown). */
function differs(e: CounterfactualEntry): boolean {
    return e.counterfactual !== null && e.measured !== null && formatNumber(e.counterfactual) !== formatNumber(e.measured);
}

export function replayTree(answer: CounterfactualResult, trusted: boolean): TreeItemModel[] {
    const s = answer.subject;
    const run = answer.run === null ? 'a recorded run' : describeRun(answer.run);
    const items: TreeItemModel[] = [{
        id: 'replay:subject',
        label: s.name,
        description: `${s.kind} in ${answer.method.name}() · ${run}${answer.change ? ` · ${answer.change}` : ''}`,
        tooltip: `**${answer.change ?? s.name}** in ${run} of ${answer.method.name}() (${s.name} at ${formatPosition(s.range)}, version ${answer.version})`,
        icon: 'symbol-variable',
        role: 'subject',
        range: s.range,
    }];
    if (answer.degraded) {
        items.push(degradedItem(answer.degraded, trusted));
        return items;
    }
    const inputs = Object.entries(answer.inputs ?? {}).map(([name, v], i): TreeItemModel => ({
        id: `replay:input:${i}`, label: `${name} = ${formatNumber(v)}`, icon: 'symbol-parameter', role: 'info',
    }));
    items.push({
        id: 'replay:inputs',
        label: `Inputs of ${run}`,
        description: Object.entries(answer.inputs ?? {}).map(([name, v]) => `${name} = ${formatNumber(v)}`).join(', '),
        icon: 'symbol-parameter',
        role: 'section',
        children: inputs.length > 0 ? inputs : undefined,
        expanded: false,
    });
    const entries = answer.entries.map((e, i): TreeItemModel => ({
        id: `replay:entry:${i}:${e.name}`,
        label: e.name,
        description: `${replayNote(e)}${differs(e) ? ' ⚠' : ''}`,
        tooltip: [
            `**${e.name}** (${e.kind}) in ${run}`,
            `recorded: ${formatNumber(e.factual)}`,
            e.counterfactual !== null && e.change
                ? `DoWhy's replay with ${answer.change ?? 'the change'}: ${formatNumber(e.counterfactual)} (a change of ${formatEffect(e.change)}, ${formatNumber(e.change.level * 100)}% interval)`
                : 'DoWhy cannot replay this run',
            e.measured !== null ? `measured by running the code again with the change: ${formatNumber(e.measured)}` : 'not measured in the code',
        ].join('\n\n'),
        icon: differs(e) ? 'warning' : kindIcon(e.kind),
        role: 'downstream',
        range: e.range,
    }));
    if (entries.length === 0) {
        entries.push({ id: 'replay:none', label: `nothing in ${answer.method.name}() depends on ${s.name}`, icon: 'info', role: 'info' });
    }
    items.push({ id: 'replay:entries', label: `Changes (${answer.entries.length})`, description: 'recorded → changed · DoWhy · measured', icon: 'arrow-down', role: 'section', children: entries, expanded: true });
    const said: string[] = [];
    if (answer.available === false && answer.unavailable) {
        said.push(`DoWhy cannot replay this run: ${answer.unavailable}`);
    }
    if (answer.unmeasured) {
        said.push(`Not measured: ${answer.unmeasured}`);
    }
    said.push(...(answer.reasons ?? []).map((r) => r.message), ...answer.notes);
    said.forEach((text, i) => items.push({ id: `replay:note:${i}`, label: text, tooltip: text, icon: i < said.length - answer.notes.length ? 'warning' : 'info', role: 'info' }));
    return items;
}

/** The subject and each changed variable in the editor, with what changed after the statement. */
export function replayDecorations(answer: CounterfactualResult): DecorationModel[] {
    const out: DecorationModel[] = [{
        kind: 'subject',
        range: answer.subject.range,
        after: answer.change && answer.run !== null ? ` ◆ ${answer.change} in ${describeRun(answer.run)}` : undefined,
        afterStyle: 'effect',
        hover: `liftsys: **${answer.change ?? answer.subject.name}**${answer.run !== null ? ` in ${describeRun(answer.run)}` : ''}`,
    }];
    for (const e of answer.degraded ? [] : answer.entries) {
        out.push({ kind: 'downstream', range: e.range, after: ` ${replayNote(e)}`, afterStyle: 'effect', hover: `liftsys: **${e.name}** ${replayNote(e)}` });
    }
    return out;
}
