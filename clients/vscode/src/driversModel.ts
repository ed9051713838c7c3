/**
 * An answer of `liftsys/drivers` ("What drives this value?") as the items of the "Causal impact"
 * tree: the target, its direct inputs and everything upstream, strongest first, each with its share
 * and interval. No `vscode`.
 */
import { degradedItem, kindIcon, type TreeItemModel } from './answerModel';
import { formatNumber, formatPosition } from './format';
import type { DecorationModel } from './decorations';
import type { Driver, DriversResult } from './protocol';

/** "99.1%" of the positive total; "?" when the server could not say. */
export function formatShare(share: number | null): string {
    return share === null ? '?' : `${formatNumber(share * 100)}%`;
}

/** "1.2e3 [1.1e3, 1.3e3]": the measure (in squared units of the target) with its interval. */
function formatMeasure(d: Driver): string {
    return `${formatNumber(d.value)} [${formatNumber(d.low)}, ${formatNumber(d.high)}]`;
}

export function driversTree(answer: DriversResult, trusted: boolean): TreeItemModel[] {
    const t = answer.target;
    const items: TreeItemModel[] = [{
        id: 'drivers:target',
        label: t.name,
        description: `${t.kind} in ${answer.method.name}() · what drives it`,
        tooltip: `What drives **${t.name}** (${t.kind}) at ${formatPosition(t.range)}, version ${answer.version}`,
        icon: 'symbol-variable',
        role: 'subject',
        range: t.range,
    }];
    if (answer.degraded) {
        items.push(degradedItem(answer.degraded, trusted));
        return items;
    }
    const level = `${formatNumber((answer.level ?? 0.95) * 100)}%`;
    items.push(section('parents', `Direct inputs (${answer.parents.length})`, answer.parents, answer,
        `how much the variance of ${t.name} changes when the arrow from each is cut (DoWhy's arrow strength)`));
    items.push(section('ancestors', `Everything upstream (${answer.ancestors.length})`, answer.ancestors, answer,
        `each one's own contribution to the variance of ${t.name} (DoWhy's intrinsic causal influence); a value computed exactly from others contributes nothing of its own`));
    const notes = answer.notes.map((note, i): TreeItemModel => ({ id: `drivers:note:${i}`, label: note, tooltip: note, icon: 'info', role: 'info' }));
    items.push({
        id: 'drivers:how',
        label: `Measured on the ${answer.measure} of ${t.name}`,
        description: `${level} intervals over ${answer.bootstrap ?? '?'} resamples of the runs`,
        tooltip: `Each value is the median over ${answer.bootstrap ?? '?'} resamples of the traced runs, in squared units of ${t.name}, with its ${level} interval; the share is of the sum of the positive values.`,
        icon: 'beaker',
        role: 'model',
        children: notes.length > 0 ? notes : undefined,
        expanded: notes.length > 0 ? true : undefined,
    });
    return items;
}

function section(id: 'parents' | 'ancestors', label: string, drivers: Driver[], answer: DriversResult, meaning: string): TreeItemModel {
    const children = drivers.map((d, i): TreeItemModel => ({
        id: `drivers:${id}:${i}:${d.name}`,
        label: d.name,
        description: `${d.kind} · ${formatShare(d.share)} · ${formatMeasure(d)}`,
        tooltip: `**${d.name}** (${d.kind}): ${formatShare(d.share)} of what drives **${answer.target.name}**\n\n`
            + `${formatMeasure(d)}: ${meaning}`,
        icon: kindIcon(d.kind),
        role: 'upstream',
        range: d.range ?? undefined,
    }));
    if (children.length === 0) {
        children.push({ id: `drivers:${id}:none`, label: `nothing in ${answer.method.name}() drives ${answer.target.name}`, icon: 'info', role: 'info' });
    }
    return { id: `drivers:${id}`, label, description: meaning.split(' (')[0], tooltip: meaning, icon: 'arrow-up', role: 'section', children, expanded: true };
}

/** The target and its direct inputs in the editor, each input with its share as an after-text. */
export function driversDecorations(answer: DriversResult): DecorationModel[] {
    const out: DecorationModel[] = [{
        kind: 'subject',
        range: answer.target.range,
        after: ' ◆ what drives it',
        afterStyle: 'path',
        hover: `liftsys: what drives **${answer.target.name}**`,
    }];
    for (const d of answer.degraded ? [] : answer.parents) {
        if (d.range) {
            out.push({
                kind: 'upstream',
                range: d.range,
                after: ` ↑ ${formatShare(d.share)} of ${answer.target.name}`,
                afterStyle: 'effect',
                hover: `liftsys: **${d.name}** drives ${formatShare(d.share)} of **${answer.target.name}** (${formatMeasure(d)})`,
            });
        }
    }
    return out;
}
