/**
 * An answer of `liftsys/causalImpact` as the items of the "Causal impact" tree. No `vscode`: the
 * view turns these models into TreeItems one to one.
 */
import { degradedActions, reasonLabel, type ActionModel } from './degraded';
import { describeEffectLines, describeIntervention, effectNote, effectReasons, formatEffect, formatNumber, formatPosition, measuredDiffers, describeRuns } from './format';
import type { CausalImpactResult, Degraded, Direction, ImpactEntry, Intervention, Range } from './protocol';

export type ItemRole = 'subject' | 'downstream' | 'upstream' | 'section' | 'model' | 'degraded' | 'action' | 'info';

export interface TreeItemModel {
    /** Unique within one tree. */
    id: string;
    label: string;
    description?: string;
    /** Markdown. */
    tooltip?: string;
    /** A codicon name. */
    icon: string;
    role: ItemRole;
    /** Revealed in the answer's document when the item is selected. */
    range?: Range;
    /** Run when the item is selected (items without a range). */
    action?: ActionModel;
    children?: TreeItemModel[];
    expanded?: boolean;
}

/** What was asked, so the tree can say it. */
export interface Question {
    direction: Direction;
    quantify: boolean;
    intervention?: Intervention;
}

export function answerTree(answer: CausalImpactResult, question: Question, trusted: boolean): TreeItemModel[] {
    const items: TreeItemModel[] = [subjectItem(answer, question)];
    if (question.direction !== 'upstream') {
        items.push(section('downstream', `Affects (${answer.downstream.length})`, answer, question));
    }
    if (question.direction !== 'downstream') {
        items.push(section('upstream', `Affected by (${answer.upstream.length})`, answer, question));
    }
    items.push(modelItem(answer, trusted));
    return items;
}

function subjectItem(answer: CausalImpactResult, question: Question): TreeItemModel {
    const s = answer.subject;
    const what = s.isMethod ? `all parameters of ${answer.method.name}()` : `${s.kind} in ${answer.method.name}()`;
    const asked = question.direction === 'both' ? 'both ways' : question.direction;
    const intervention = question.quantify ? ` · ${describeIntervention(question.intervention)}` : '';
    return {
        id: 'subject',
        label: s.name,
        description: `${what} · ${asked}${intervention}`,
        tooltip: `**${s.name}** (${s.isMethod ? 'method' : s.kind}) at ${formatPosition(s.range)}, version ${answer.version}`,
        icon: s.isMethod ? 'symbol-method' : 'symbol-variable',
        role: 'subject',
        range: s.range,
    };
}

function section(dir: 'downstream' | 'upstream', label: string, answer: CausalImpactResult, question: Question): TreeItemModel {
    const entries = dir === 'downstream' ? answer.downstream : answer.upstream;
    const children = entries.map((e) => entryItem(dir, e, answer, question));
    if (children.length === 0) {
        const none = dir === 'downstream'
            ? `nothing in ${answer.method.name}() depends on ${answer.subject.name}`
            : `${answer.subject.name} depends on nothing else in ${answer.method.name}()`;
        children.push({ id: `${dir}:none`, label: none, icon: 'info', role: 'info' });
    }
    return {
        id: dir,
        label,
        icon: dir === 'downstream' ? 'arrow-down' : 'arrow-up',
        role: 'section',
        children,
        expanded: true,
    };
}

/** One entry: "subtotal", "local · 1 · price → subtotal · Δ +48.9 [42, 56.3] · R² 1". */
export function entryItem(dir: 'downstream' | 'upstream', e: ImpactEntry, answer: CausalImpactResult,
    question: Question): TreeItemModel {
    const parts = [e.kind, `distance ${e.distance}`, e.path.join(' → ')];
    const note = effectNote(e);
    if (note) {
        parts.push(`Δ ${note}`);
    }
    const quality = answer.model.quality[e.name];
    if (quality !== undefined) {
        parts.push(`R² ${formatNumber(quality)}`);
    }
    const lines = [
        `**${e.name}** (${e.kind}), declared at ${formatPosition(e.range)}`,
        '',
        `${dir === 'downstream' ? 'Affected by' : 'Affects'} **${answer.subject.name}** in ${e.distance} step${e.distance === 1 ? '' : 's'}: ${e.path.join(' → ')}`,
    ];
    for (const line of describeEffectLines(e, `${describeIntervention(question.intervention)} on ${answer.subject.name}`)) {
        lines.push('', line);
    }
    if (quality !== undefined) {
        lines.push('', `Model quality (held-out R²): ${formatNumber(quality)}`);
    }
    const id = `${dir}:${e.name}:${e.range.start.line}:${e.range.start.character}`;
    const details = effectDetails(id, e);
    return {
        id,
        label: e.name,
        description: parts.join(' · '),
        tooltip: lines.join('\n'),
        icon: details.length > 0 ? 'warning' : kindIcon(e.kind),
        role: dir,
        range: e.range,
        // What is against the number, in words, under it (open: a user should not miss it).
        children: details.length > 0 ? details : undefined,
        expanded: details.length > 0 ? true : undefined,
    };
}

/** The rows under an effect with something against it: the measured effect when it differs, then each reason. */
function effectDetails(id: string, e: ImpactEntry): TreeItemModel[] {
    const rows: TreeItemModel[] = [];
    const effect = e.effect;
    const observed = effect ? measuredDiffers(effect) : e.unquantified?.observed ?? undefined;
    const reasons = effect ? effectReasons(effect) : e.unquantified?.reasons ?? [];
    if (reasons.length === 0 && !(effect && observed)) {
        return rows;
    }
    if (effect) {
        rows.push({ id: `${id}:estimated`, label: `DoWhy's estimate ${formatEffect(effect)}`, icon: 'beaker', role: 'info' });
    } else {
        rows.push({ id: `${id}:estimated`, label: 'No estimate from DoWhy', icon: 'beaker', role: 'info' });
    }
    if (observed && observed.value !== null) {
        rows.push({
            id: `${id}:measured`,
            label: `Measured by running the code ${formatEffect(observed)}`,
            tooltip: 'The same sampled inputs run again with the change applied in the code.',
            icon: 'play',
            role: 'info',
        });
    }
    reasons.forEach((r, i) => rows.push({ id: `${id}:reason:${i}`, label: r.message, tooltip: `${r.message} (${r.code})`, icon: 'warning', role: 'info' }));
    return rows;
}

export function kindIcon(kind: ImpactEntry['kind']): string {
    switch (kind) {
        case 'parameter':
            return 'symbol-parameter';
        case 'field':
            return 'symbol-field';
        case 'return':
            return 'symbol-event';
        default:
            return 'symbol-variable';
    }
}

function modelItem(answer: CausalImpactResult, trusted: boolean): TreeItemModel {
    const m = answer.model;
    if (answer.degraded) {
        return degradedItem(answer.degraded, trusted);
    }
    if (m.status === 'structural') {
        return {
            id: 'model',
            label: 'Structural answer',
            description: 'quantify for effect sizes',
            tooltip: 'Paths and distances from the dependence graph. Run "liftsys: Quantify impact" for effect sizes.',
            icon: 'graph',
            role: 'model',
            action: { title: 'Quantify impact…', command: 'liftsys.quantify' },
        };
    }
    const facts = [m.engine ?? 'model', `${m.samples} samples`, `fit ${m.fitMillis} ms`];
    if (m.cached) {
        facts.push('cached');
    }
    if (m.checked) {
        facts.push(`${m.checked} checked by running the code${m.disagreements ? `, ${m.disagreements} differ` : ''}`);
    }
    const children: TreeItemModel[] = Object.entries(m.quality).map(([name, r2]) => {
        const unreliable = (m.unreliable ?? []).includes(name);
        return {
            id: `model:quality:${name}`,
            label: name,
            description: `R² ${formatNumber(r2)}${unreliable ? ' · unreliable' : ''}`,
            icon: unreliable ? 'warning' : 'pass',
            role: 'info' as const,
        };
    });
    for (const [id, how] of Object.entries(m.inputs ?? {})) {
        children.push({ id: `model:input:${id}`, label: id.replace(/@in$/, ''), description: how, tooltip: how, icon: 'symbol-parameter', role: 'info' });
    }
    if (m.runs) {
        const r = m.runs;
        const short = r.completed < r.planned || r.kept < r.completed;
        children.push({
            id: 'model:runs',
            label: `Runs: ${describeRuns(r)}`,
            tooltip: `Of the ${r.planned} planned runs, ${r.attempted} executions were drawn, ${r.completed} returned and ${r.kept} recorded finite values (the model's rows).`,
            icon: short ? 'warning' : 'pass',
            role: 'info',
        });
    } else if (m.thrown) {
        children.push({ id: 'model:thrown', label: `${m.thrown} sampled runs threw`, icon: 'warning', role: 'info' });
    }
    (m.notes ?? []).forEach((note, i) => children.push({ id: `model:note:${i}`, label: note, tooltip: note, icon: 'info', role: 'info' }));
    return {
        id: 'model',
        label: 'Model: fitted',
        description: facts.join(' · '),
        tooltip: `Structural causal model fitted by ${m.engine ?? 'DoWhy'} on ${m.samples} executions in ${m.fitMillis} ms${m.cached ? ' (cached)' : ''}.`,
        icon: 'beaker',
        role: 'model',
        children,
        expanded: false,
    };
}

/** Why an answer has no numbers, with what the user can do about it. */
export function degradedItem(d: Degraded, trusted: boolean): TreeItemModel {
    const actions = degradedActions(d.reason, trusted, d.message).map((a, i): TreeItemModel => ({
        id: `degraded:action:${i}`,
        label: a.title,
        icon: 'run',
        role: 'action',
        action: a,
    }));
    return {
        id: 'degraded',
        label: `Effect sizes unavailable: ${reasonLabel(d.reason)}`,
        description: d.message,
        tooltip: `**${d.reason}**\n\n${d.message}`,
        icon: 'warning',
        role: 'degraded',
        children: [{ id: 'degraded:message', label: d.message, tooltip: d.message, icon: 'info', role: 'info' }, ...actions],
        expanded: true,
    };
}
