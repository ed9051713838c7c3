/** Number, effect and intervention formatting shared by the tree, the decorations and the graph. No `vscode`. */
import type { Effect, ImpactEntry, Intervention, ModelRuns, ObservedEffect, Range, Reason, WireNumber } from './protocol';

/**
 * Three significant digits, no trailing zeros, no exponent for ordinary magnitudes: 48.898 -> "48.9",
 * 4 -> "4". Null (a number JSON cannot carry: NaN or infinite, the answer's notes say which) reads "?".
 */
export function formatNumber(v: WireNumber): string {
    if (v === null) {
        return '?';
    }
    if (!Number.isFinite(v)) {
        return String(v);
    }
    if (v === 0) {
        return '0';
    }
    const abs = Math.abs(v);
    if (abs >= 1e6 || abs < 1e-3) {
        return v.toExponential(2).replace(/\.?0+e/, 'e');
    }
    const rounded = Number(v.toPrecision(3));
    return abs >= 1000 ? String(Math.round(rounded)) : String(rounded);
}

/** A signed number: "+4", "-0.5", "0". */
export function formatSigned(v: WireNumber): string {
    const s = formatNumber(v);
    return v !== null && v > 0 ? `+${s}` : s;
}

/** A value with its interval. */
interface Interval {
    value: WireNumber;
    low: WireNumber;
    high: WireNumber;
    level?: number;
}

/** "+48.9 [42, 56.3]"; an effect whose interval is a point reads "+4 (exact)". */
export function formatEffect(e: Interval): string {
    const value = formatSigned(e.value);
    if (formatNumber(e.low) === formatNumber(e.high) && formatNumber(e.low) === formatNumber(e.value)) {
        return `${value} (exact)`;
    }
    return `${value} [${formatNumber(e.low)}, ${formatNumber(e.high)}]`;
}

/** "95% interval" from level 0.95; the protocol's default level when absent. */
export function formatLevel(e: { level?: number }): string {
    const level = e.level ?? 0.95;
    return `${formatNumber(level * 100)}%`;
}

/** "+48.9 (95% interval 42 to 56.3)". */
function describeInterval(e: Interval): string {
    return `${formatSigned(e.value)} (${formatLevel(e)} interval ${formatNumber(e.low)} to ${formatNumber(e.high)})`;
}

/**
 * The measured effect when it says something DoWhy's estimate does not: it differs at the
 * precision shown, or the server found the two more than 10% apart. Otherwise showing it again
 * would repeat the same number.
 */
export function measuredDiffers(e: Effect): ObservedEffect | undefined {
    const o = e.observed;
    if (!o || o.value === null) {
        return undefined;
    }
    return e.disagrees === true || formatNumber(o.value) !== formatNumber(e.value) ? o : undefined;
}

/** The reasons not to trust an effect; an old server's bare `unreliable` says what it meant then. */
export function effectReasons(e: Effect): Reason[] {
    if (e.reasons && e.reasons.length > 0) {
        return e.reasons;
    }
    return e.unreliable ? [{ code: 'weak-fit', message: 'The model explains this variable poorly.' }] : [];
}

/** Whether an effect comes with something against it (a warning sign is shown beside it). */
export function isFlagged(e: Effect): boolean {
    return e.unreliable === true || e.disagrees === true || effectReasons(e).length > 0;
}

/** What an effect on a variable that is not a plain number measures ("its length", ...), from `measures`. */
export function describeMeasures(measures: string): string {
    switch (measures) {
        case 'length':
            return 'its length';
        case 'size':
            return 'its size';
        case 'non-null':
            return 'the share of runs where it is not null';
        case 'ordinal':
            return 'its ordinal (the enum constant\'s position)';
        case 'char code':
            return 'its char code';
        case 'share true':
            return 'the share of runs where it is true';
        default:
            return measures;
    }
}

/**
 * The effect as a short note (after a statement, in the tree): "+4 (exact)", "(length) +1 [0.9, 1.1]",
 * and, when the code measured something else, "-1 DoWhy · measured -0.512 ⚠"; an entry DoWhy gives
 * no number for reads "not estimated · measured +3 ⚠".
 */
export function effectNote(entry: Pick<ImpactEntry, 'effect' | 'unquantified' | 'measures'>): string | undefined {
    const what = entry.measures ? `(${entry.measures}) ` : '';
    const e = entry.effect;
    if (e) {
        const measured = measuredDiffers(e);
        const text = measured ? `${what}${formatEffect(e)} DoWhy · measured ${formatEffect(measured)}` : `${what}${formatEffect(e)}`;
        return `${text}${isFlagged(e) ? ' ⚠' : ''}`;
    }
    const u = entry.unquantified;
    if (u) {
        const observed = u.observed && u.observed.value !== null ? ` · measured ${what}${formatEffect(u.observed)}` : '';
        return `not estimated${observed} ⚠`;
    }
    return undefined;
}

/**
 * Markdown lines for a tooltip or hover: DoWhy's estimate with its interval, the measured effect
 * when it differs (saying which is which), what the number measures, and every reason not to trust
 * it. `of` says which change it is the effect of ("shift +1 on u").
 */
export function describeEffectLines(entry: Pick<ImpactEntry, 'name' | 'effect' | 'unquantified' | 'measures'>, of: string): string[] {
    const lines: string[] = [];
    const e = entry.effect;
    let reasons: Reason[] = [];
    if (e) {
        const measured = measuredDiffers(e);
        lines.push(`Effect of ${of}: ${describeInterval(e)}${measured ? ', estimated by DoWhy' : ''}`);
        if (measured) {
            lines.push(`Measured by running the code: ${describeInterval(measured)}`);
        } else if (e.observed && e.observed.value !== null) {
            lines.push('Measured by running the code: the same');
        }
        reasons = effectReasons(e);
    } else if (entry.unquantified) {
        const u = entry.unquantified;
        lines.push(`Effect of ${of}: no number from DoWhy`);
        if (u.observed && u.observed.value !== null) {
            lines.push(`Measured by running the code: ${describeInterval(u.observed)}`);
        }
        reasons = u.reasons;
    }
    if (entry.measures && (e || entry.unquantified)) {
        lines.push(`The number is the change in ${describeMeasures(entry.measures)} (${entry.name} is not a plain number).`);
    }
    if (reasons.length > 0) {
        lines.push(`Not to be trusted as it is:\n${reasons.map((r) => `- ${r.message}`).join('\n')}`);
    }
    return lines;
}

/** A sentence for tooltips: "+48.9 (95% interval 42 to 56.3)", with the reasons not to trust it. */
export function describeEffect(e: Effect): string {
    const reasons = effectReasons(e);
    return `${describeInterval(e)}${reasons.length > 0 ? `; not to be trusted: ${reasons.map((r) => r.message).join(' ')}` : ''}`;
}

/** "shift +1", "set 0 → 10". */
export function describeIntervention(i: Intervention | undefined): string {
    if (i === undefined) {
        return 'shift +1';
    }
    if ('shift' in i) {
        return `shift ${formatSigned(i.shift)}`;
    }
    return `set ${String(i.set.from)} → ${String(i.set.to)}`;
}

export type ParsedIntervention = { ok: true; intervention: Intervention } | { ok: false; error: string };

/**
 * Parses what the user typed in the quantify prompt. `shift`: one number ("1", "-2.5"). `set`: two
 * values separated by a comma, spaces or an arrow ("0, 10", "0 -> 10", "false, true").
 */
export function parseIntervention(mode: 'shift' | 'set', text: string): ParsedIntervention {
    const trimmed = text.trim();
    if (mode === 'shift') {
        const d = parseNumber(trimmed);
        if (d === undefined) {
            return { ok: false, error: `"${trimmed}" is not a number; type the amount to add to the subject, e.g. 1` };
        }
        return { ok: true, intervention: { shift: d } };
    }
    const parts = trimmed.split(/\s*(?:->|→|,|;|\s)\s*/).filter((p) => p.length > 0);
    if (parts.length !== 2) {
        return { ok: false, error: 'type two values, from and to, e.g. "0, 10" or "false, true"' };
    }
    const from = parseValue(parts[0]);
    const to = parseValue(parts[1]);
    if (from === undefined || to === undefined) {
        return { ok: false, error: `values must be numbers or true/false, not "${from === undefined ? parts[0] : parts[1]}"` };
    }
    return { ok: true, intervention: { set: { from, to } } };
}

function parseNumber(s: string): number | undefined {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
        return undefined;
    }
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
}

function parseValue(s: string): number | boolean | undefined {
    if (s === 'true') {
        return true;
    }
    if (s === 'false') {
        return false;
    }
    return parseNumber(s);
}

/** "7:16" (1-based, as editors show positions). */
export function formatPosition(r: Range): string {
    return `${r.start.line + 1}:${r.start.character + 1}`;
}

export function samePosition(a: Range['start'], b: Range['start']): boolean {
    return a.line === b.line && a.character === b.character;
}

export function sameRange(a: Range, b: Range): boolean {
    return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}

/**
 * What became of the planned runs, in one line: "300 planned · 300 completed", then what threw
 * ("48 threw: IllegalArgumentException 40, ArithmeticException 8") and what was left out.
 */
export function describeRuns(r: ModelRuns): string {
    const parts = [`${r.planned} planned`, `${r.completed} completed`];
    if (r.kept !== r.completed) {
        parts.push(`${r.kept} kept`);
    }
    const threw = Object.entries(r.threw ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // The attempts that did not return; `threw` lists the four most frequent classes only.
    const total = Math.max(r.attempted - r.completed, threw.reduce((sum, [, n]) => sum + n, 0));
    if (total > 0) {
        parts.push(`${total} threw: ${threw.map(([cls, n]) => `${cls} ${n}`).join(', ')}`);
    }
    if (r.nonFinite > 0) {
        parts.push(`${r.nonFinite} not finite`);
    }
    return parts.join(' · ');
}
