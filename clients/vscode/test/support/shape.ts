/**
 * Runtime checks of answers against the types of src/protocol.ts. A `Schema<T>` must name every
 * key of T (the compiler enforces it), so a field added to protocol.ts without a check here, or a
 * check for a field protocol.ts does not declare, does not compile. Keys an answer has that
 * protocol.ts does not declare are collected (the contract allows added fields), not failed.
 */
import type {
    CausalImpactResult, CounterfactualEntry, CounterfactualResult, Driver, DriversResult, Effect, GraphEdge, GraphNode, ImpactEntry,
    MethodGraphResult, MethodRef, ModelRuns, ModelSummary, ObservedEffect, Position, Range, Reason, RunDelta, Subject, Unquantified, VariableRef,
} from '../../src/protocol';

export type Check = (v: unknown, at: string, out: Findings) => void;
export type Schema<T> = { [K in keyof Required<T>]: Check };

export interface Findings {
    errors: string[];
    /** Keys present in the answer but not declared in protocol.ts. */
    extra: string[];
}

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const primitive = (type: 'string' | 'number' | 'boolean'): Check => (v, at, out) => {
    if (typeof v !== type || (type === 'number' && !Number.isFinite(v))) {
        out.errors.push(`${at}: expected ${type}, got ${kind(v)} ${JSON.stringify(v)}`);
    }
};

export const str = primitive('string');
export const num = primitive('number');
export const bool = primitive('boolean');
export const int: Check = (v, at, out) => {
    num(v, at, out);
    if (typeof v === 'number' && (!Number.isInteger(v) || v < 0)) {
        out.errors.push(`${at}: expected a non-negative integer, got ${v}`);
    }
};

export const oneOf = (...values: string[]): Check => (v, at, out) => {
    if (typeof v !== 'string' || !values.includes(v)) {
        out.errors.push(`${at}: expected one of ${values.join('|')}, got ${JSON.stringify(v)}`);
    }
};

export const nullable = (c: Check): Check => (v, at, out) => (v === null ? undefined : c(v, at, out));
export const optional = (c: Check): Check => (v, at, out) => (v === undefined ? undefined : c(v, at, out));
export const literal = (value: unknown): Check => (v, at, out) => {
    if (v !== value) {
        out.errors.push(`${at}: expected ${JSON.stringify(value)}, got ${JSON.stringify(v)}`);
    }
};

export const array = (c: Check): Check => (v, at, out) => {
    if (!Array.isArray(v)) {
        out.errors.push(`${at}: expected array, got ${kind(v)}`);
        return;
    }
    v.forEach((item, i) => c(item, `${at}[${i}]`, out));
};

export const record = (c: Check): Check => (v, at, out) => {
    if (kind(v) !== 'object') {
        out.errors.push(`${at}: expected object, got ${kind(v)}`);
        return;
    }
    for (const [k, item] of Object.entries(v as object)) {
        c(item, `${at}.${k}`, out);
    }
};

export function object<T>(schema: Schema<T>): Check {
    return (v, at, out) => {
        if (kind(v) !== 'object') {
            out.errors.push(`${at}: expected object, got ${kind(v)}`);
            return;
        }
        const o = v as Record<string, unknown>;
        for (const [k, c] of Object.entries<Check>(schema)) {
            c(o[k], `${at}.${k}`, out);
        }
        for (const k of Object.keys(o)) {
            if (!(k in schema)) {
                out.extra.push(`${at}.${k}`);
            }
        }
    };
}

const position = object<Position>({ line: int, character: int });
export const range = object<Range>({ start: position, end: position });
const variableKind = oneOf('parameter', 'local', 'field', 'return');
const method = object<MethodRef>({ name: str, range, nameRange: range });

/** A number, or null where JSON cannot carry it (NaN, infinities). */
const wire = nullable(num);
const reason = object<Reason>({ code: str, message: str });
const observed = object<ObservedEffect>({ value: wire, low: wire, high: wire, level: num, notes: optional(array(str)) });
const effect = object<Effect>({
    value: num, low: wire, high: wire, level: optional(num), unreliable: optional(literal(true)),
    reasons: optional(array(reason)), exact: optional(bool), observed: optional(nullable(observed)),
    disagrees: optional(literal(true)), randomised: optional(array(str)),
});
const unquantified = object<Unquantified>({ reasons: array(reason), observed: nullable(observed) });
const entry = object<ImpactEntry>({
    name: str, kind: variableKind, range, distance: int, path: array(str), effect: nullable(effect),
    unquantified: optional(unquantified), measures: optional(str),
});
const runs = object<ModelRuns>({ planned: int, attempted: int, completed: int, kept: int, threw: record(int), nonFinite: int });
const model = object<ModelSummary>({
    status: oneOf('fitted', 'structural', 'degraded'),
    engine: nullable(str),
    samples: int,
    fitMillis: int,
    cached: bool,
    quality: record(num),
    unreliable: optional(array(str)),
    inputs: optional(record(str)),
    thrown: optional(int),
    checked: optional(int),
    disagreements: optional(int),
    extrapolated: optional(bool),
    notes: optional(array(str)),
    runs: optional(runs),
});
const subject = object<Subject>({ name: str, kind: variableKind, range, isMethod: optional(literal(true)) });

export const causalImpactResult = object<CausalImpactResult>({
    uri: str,
    version: int,
    method,
    subject,
    downstream: array(entry),
    upstream: array(entry),
    model,
    degraded: nullable(object<NonNullable<CausalImpactResult['degraded']>>({
        reason: oneOf('sidecar-unavailable', 'timeout', 'circuit-open', 'trace-failed', 'unsupported', 'execution-disabled'),
        message: str,
    })),
});

export const methodGraphResult = object<MethodGraphResult>({
    uri: str,
    version: int,
    method,
    nodes: array(object<GraphNode>({ id: str, variable: str, name: str, kind: variableKind, range, declaration: range, loopSummary: bool })),
    edges: array(object<GraphEdge>({ from: str, to: str, kind: oneOf('data', 'control', 'fallback') })),
});

const degraded = nullable(object<NonNullable<CausalImpactResult['degraded']>>({
    reason: oneOf('sidecar-unavailable', 'timeout', 'circuit-open', 'trace-failed', 'unsupported', 'execution-disabled'),
    message: str,
}));
const variable = object<VariableRef>({ name: str, kind: variableKind, range });
const driver = object<Driver>({ name: str, kind: variableKind, range: nullable(range), value: wire, low: wire, high: wire, share: wire });

export const driversResult = object<DriversResult>({
    uri: str,
    version: int,
    method,
    target: variable,
    parents: array(driver),
    ancestors: array(driver),
    measure: literal('variance'),
    level: optional(num),
    bootstrap: optional(int),
    notes: array(str),
    degraded,
});

export const counterfactualResult = object<CounterfactualResult>({
    uri: str,
    version: int,
    method,
    subject: variable,
    run: nullable(int),
    entries: array(object<CounterfactualEntry>({
        name: str, kind: variableKind, range, factual: wire, counterfactual: wire,
        change: nullable(object<RunDelta>({ value: wire, low: wire, high: wire, level: num })), measured: wire,
    })),
    notes: array(str),
    degraded,
    change: optional(str),
    inputs: optional(record(wire)),
    available: optional(bool),
    unavailable: optional(nullable(str)),
    unmeasured: optional(nullable(str)),
    unreliable: optional(bool),
    reasons: optional(array(reason)),
});

export function check(c: Check, value: unknown, name: string): Findings {
    const out: Findings = { errors: [], extra: [] };
    c(value, name, out);
    return out;
}
