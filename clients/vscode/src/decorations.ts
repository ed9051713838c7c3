/** An answer as editor decorations: which range, which colour, what after-text, what hover. No `vscode`. */
import { describeEffectLines, describeIntervention, effectNote } from './format';
import type { CausalImpactResult, Intervention, Range } from './protocol';

export type DecorationKind = 'subject' | 'downstream' | 'upstream';

export interface DecorationModel {
    kind: DecorationKind;
    range: Range;
    /**
     * Text written at the end of the range's last line: after the whole statement, never inside
     * it (a declaration's name is in the middle of its statement).
     */
    after?: string;
    /** `effect` text is coloured as an effect size, `path` text as a structural note. */
    afterStyle?: 'effect' | 'path';
    /** Markdown. */
    hover: string;
}

function steps(n: number): string {
    return `${n} step${n === 1 ? '' : 's'}`;
}

export function answerDecorations(answer: CausalImpactResult, intervention?: Intervention): DecorationModel[] {
    const subject = answer.subject;
    const quantified = answer.model.status === 'fitted';
    const out: DecorationModel[] = [{
        kind: 'subject',
        range: subject.range,
        after: quantified ? ` ◆ ${describeIntervention(intervention)}` : undefined,
        afterStyle: 'effect',
        hover: `liftsys: **${subject.name}** is the subject${quantified ? ` (${describeIntervention(intervention)})` : ''}`,
    }];
    for (const e of answer.downstream) {
        const hover = [`liftsys: **${e.name}** depends on **${subject.name}** (${steps(e.distance)}: ${e.path.join(' → ')})`,
            ...describeEffectLines(e, describeIntervention(intervention))];
        const note = effectNote(e);
        out.push({
            kind: 'downstream',
            range: e.range,
            after: note ? ` Δ ${note}` : ` ← ${subject.name} · ${steps(e.distance)}`,
            afterStyle: note ? 'effect' : 'path',
            hover: hover.join('\n\n'),
        });
    }
    for (const e of answer.upstream) {
        out.push({
            kind: 'upstream',
            range: e.range,
            after: ` → ${subject.name} · ${steps(e.distance)}`,
            afterStyle: 'path',
            hover: `liftsys: **${subject.name}** depends on **${e.name}** (${steps(e.distance)}: ${e.path.join(' → ')})`,
        });
    }
    return out;
}

/**
 * The lines whose inlay hints repeat what a quantified answer on screen writes after them (the
 * server puts a hint at the end of each affected declaration): those hints are left out, so each
 * effect shows once.
 */
export function effectLines(answer: CausalImpactResult | undefined): Set<number> {
    const lines = new Set<number>();
    for (const e of answer?.downstream ?? []) {
        if (e.effect || e.unquantified) {
            lines.add(e.range.end.line);
        }
    }
    return lines;
}
