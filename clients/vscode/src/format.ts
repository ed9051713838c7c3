/** Number, effect and intervention formatting shared by the tree, the decorations and the graph. No `vscode`. */
import type { Effect, Intervention, Range } from './protocol';

/** Three significant digits, no trailing zeros, no exponent for ordinary magnitudes: 48.898 -> "48.9", 4 -> "4". */
export function formatNumber(v: number): string {
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
export function formatSigned(v: number): string {
    const s = formatNumber(v);
    return v > 0 ? `+${s}` : s;
}

/** "+48.9 [42, 56.3]"; an effect whose interval is a point reads "+4 (exact)". */
export function formatEffect(e: Effect): string {
    const value = formatSigned(e.value);
    if (formatNumber(e.low) === formatNumber(e.high) && formatNumber(e.low) === formatNumber(e.value)) {
        return `${value} (exact)`;
    }
    return `${value} [${formatNumber(e.low)}, ${formatNumber(e.high)}]`;
}

/** "95% interval" from level 0.95; the protocol's default level when absent. */
export function formatLevel(e: Effect): string {
    const level = e.level ?? 0.95;
    return `${formatNumber(level * 100)}%`;
}

/** A sentence for tooltips: "+48.9 (95% interval 42 to 56.3)". */
export function describeEffect(e: Effect): string {
    const interval = `${formatLevel(e)} interval ${formatNumber(e.low)} to ${formatNumber(e.high)}`;
    const unreliable = e.unreliable ? '; unreliable: the model explains this variable poorly' : '';
    return `${formatSigned(e.value)} (${interval}${unreliable})`;
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
