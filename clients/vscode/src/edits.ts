/**
 * What an edit of a document does to an answer about one of its methods: nothing (after it),
 * a shift of whole lines (above it, keep the answer and move its ranges), or an edit of the method
 * itself (the answer is stale: clear it). No `vscode`.
 */
import type { CausalImpactResult, ImpactEntry, MethodGraphResult, Position, Range } from './protocol';

/** A content change as the editor reports it: the replaced range in the text before the change, and the new text. */
export interface ChangeLike {
    range: Range;
    text: string;
}

export type EditEffect = { kind: 'none' } | { kind: 'shift'; lines: number } | { kind: 'inside' };

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function newlines(text: string): number {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) === 10) {
            n++;
        }
    }
    return n;
}

/**
 * Classifies the changes of one edit against a method's range. A change that ends on the method's
 * first line counts as inside (its characters would move), so the answer is never shown misplaced.
 */
export function classifyChanges(changes: readonly ChangeLike[], method: Range): EditEffect {
    let lines = 0;
    for (const c of changes) {
        if (before(method.end, c.range.start)) {
            continue;
        }
        if (c.range.end.line < method.start.line) {
            lines += newlines(c.text) - (c.range.end.line - c.range.start.line);
            continue;
        }
        return { kind: 'inside' };
    }
    return lines === 0 ? { kind: 'none' } : { kind: 'shift', lines };
}

export function shiftRange(r: Range, lines: number): Range {
    return {
        start: { line: r.start.line + lines, character: r.start.character },
        end: { line: r.end.line + lines, character: r.end.character },
    };
}

function shiftEntry(e: ImpactEntry, lines: number): ImpactEntry {
    return { ...e, range: shiftRange(e.range, lines) };
}

/** The same answer with every range moved by whole lines (after an edit above its method). */
export function shiftAnswer(a: CausalImpactResult, lines: number): CausalImpactResult {
    return {
        ...a,
        method: { ...a.method, range: shiftRange(a.method.range, lines), nameRange: shiftRange(a.method.nameRange, lines) },
        subject: { ...a.subject, range: shiftRange(a.subject.range, lines) },
        downstream: a.downstream.map((e) => shiftEntry(e, lines)),
        upstream: a.upstream.map((e) => shiftEntry(e, lines)),
    };
}

/** The same graph with every range moved by whole lines. */
export function shiftGraph(g: MethodGraphResult, lines: number): MethodGraphResult {
    return {
        ...g,
        method: { ...g.method, range: shiftRange(g.method.range, lines), nameRange: shiftRange(g.method.nameRange, lines) },
        nodes: g.nodes.map((n) => ({ ...n, range: shiftRange(n.range, lines), declaration: shiftRange(n.declaration, lines) })),
    };
}

export function containsPosition(r: Range, p: Position): boolean {
    return !before(p, r.start) && !before(r.end, p);
}
