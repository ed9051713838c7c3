/**
 * The liftsys protocol, declared once for the extension and its tests.
 *
 * This file mirrors the server's JSON writers field for field:
 *   - `liftsys/causalImpact`: server/src/main/java/liftsys/lsp/ProtocolJson.java (the result) and
 *     ImpactParams.java (the params), as specified by shared/spec/protocol.md plus the fields the
 *     contract allows to be added (method.nameRange, subject.isMethod, effect.level,
 *     effect.unreliable, model.unreliable, model.inputs, model.thrown, and issue 16's
 *     effect.reasons, .exact, .observed, .disagrees, .randomised, entry.unquantified,
 *     entry.measures, model.checked, .disagreements, .extrapolated, .notes, and issue 15's model.runs);
 *   - `liftsys/methodGraph`: server/src/main/java/liftsys/lsp/MethodGraphHandler.java (an addition
 *     to protocol.md);
 *   - `liftsys/drivers` and `liftsys/counterfactual` (issue 16, additions): DriversJson.java and
 *     CounterfactualHandler.java, the params in ImpactParams.java (located, replay);
 *   - the commands of the server's code lenses (workspace/executeCommand): LensAndHintHandler.java
 *     and WorkspaceSettingsService.java.
 * When the server's writers change, change this file; the contract test (test/contract) drives the
 * real server with these very types and checks every field declared here.
 *
 * Nothing here imports `vscode`: the types are shared by the extension, the webview and the tests.
 */
import { RequestType } from 'vscode-jsonrpc';

/** LSP's position: 0-based line, UTF-16 character offset. */
export interface Position {
    line: number;
    character: number;
}

export interface Range {
    start: Position;
    end: Position;
}

export type Direction = 'downstream' | 'upstream' | 'both';

export type VariableKind = 'parameter' | 'local' | 'field' | 'return';

/** `{shift: d}`: the subject's observed value plus d; `{set: {from, to}}`: do(subject=from) vs do(subject=to). */
export type Intervention =
    | { shift: number }
    | { set: { from: number | boolean; to: number | boolean } };

export interface CausalImpactParams {
    textDocument: { uri: string };
    position: Position;
    /** Default `downstream`. */
    direction?: Direction;
    /** Default true on the server; the extension always says which it wants. */
    quantify?: boolean;
    /** Default `{shift: 1}`. */
    intervention?: Intervention;
    /** A client-made token: the server reports `$/progress` under it while quantifying. */
    workDoneToken?: string | number;
}

/**
 * A number on the wire. JSON has no NaN or infinities: where one would be, the server writes null
 * and a note (the answer's or the object's `notes`) says what it was.
 */
export type WireNumber = number | null;

/** One reason not to trust an effect, in words (`code` is stable: weak-fit, few-runs, measured-differs, ...). */
export interface Reason {
    code: string;
    message: string;
}

/** The effect measured by running the code again with the intervention applied (the same sampled inputs). */
export interface ObservedEffect {
    value: WireNumber;
    low: WireNumber;
    high: WireNumber;
    level: number;
    /** What a null number was. */
    notes?: string[];
}

/** An estimated average causal effect with its interval at `level` (e.g. 0.95). */
export interface Effect {
    value: number;
    low: WireNumber;
    high: WireNumber;
    /** Added by the server: the interval's level. */
    level?: number;
    /** Added by the server: present (true) whenever `reasons` is not empty (and when the entry's own fit is weak). */
    unreliable?: boolean;
    /** Added by the server (issue 16): every reason not to trust the number, in words; empty when there is none. */
    reasons?: Reason[];
    /** Added by the server: every mechanism on the way reproduces the traced values (no model-error part). */
    exact?: boolean;
    /** Added by the server: the effect measured by running the code, where the subject can be changed there. */
    observed?: ObservedEffect | null;
    /** Added by the server: present (true) when DoWhy's estimate is more than 10% from the measured effect. */
    disagrees?: boolean;
    /** Added by the server: variables drawn at random in an experiment, to tell their effects apart. */
    randomised?: string[];
}

/** Why an entry has no estimate (not identifiable, not finite), and what running the code measured instead. */
export interface Unquantified {
    reasons: Reason[];
    observed: ObservedEffect | null;
}

export interface ImpactEntry {
    name: string;
    kind: VariableKind;
    /** The variable's declaration in the current text. */
    range: Range;
    /** Fewest dependence edges between the subject and this variable. */
    distance: number;
    /** Variable names along one shortest path, subject first. */
    path: string[];
    /** Only downstream entries of a fitted answer carry effects. */
    effect: Effect | null;
    /** Added by the server (issue 16): a fitted entry DoWhy gives no number for, and why. */
    unquantified?: Unquantified;
    /**
     * Added by the server: what the effect's number measures when the variable is not a plain
     * number: "length", "size", "non-null", "ordinal", "char code", "share true". Absent for numbers.
     */
    measures?: string;
}

export type ModelStatus = 'fitted' | 'structural' | 'degraded';

export interface ModelSummary {
    status: ModelStatus;
    engine: string | null;
    samples: number;
    fitMillis: number;
    cached: boolean;
    /** Held-out R² per node, keyed by variable name. */
    quality: Record<string, number>;
    /** Added by the server when a model exists: names whose R² is below minQuality. */
    unreliable?: string[];
    /** Added by the server when a model exists: graph id of each input -> how it was sampled. */
    inputs?: Record<string, string>;
    /** Added by the server when a model exists: sampled executions that threw. */
    thrown?: number;
    /** Added by the server: effects checked by running the code, and how many of them DoWhy's estimate missed. */
    checked?: number;
    disagreements?: number;
    /** Added by the server: the intervention takes the subject outside the range it was sampled in. */
    extrapolated?: boolean;
    /** Added by the server: sentences about the model (experiments, extrapolation, numbers JSON cannot carry). */
    notes?: string[];
    /** Added by the server (issue 15): what became of the planned runs. */
    runs?: ModelRuns;
}

/** What became of the planned runs of a quantified answer (`model.runs`). */
export interface ModelRuns {
    /** `samples`. */
    planned: number;
    /** Executions drawn (more than planned when some threw and were replaced). */
    attempted: number;
    /** Those that returned. */
    completed: number;
    /** Those that returned finite values: the model's rows. */
    kept: number;
    /** The others by exception class (the four most frequent). */
    threw: Record<string, number>;
    nonFinite: number;
}

export type DegradedReason =
    | 'sidecar-unavailable'
    | 'timeout'
    | 'circuit-open'
    | 'trace-failed'
    | 'unsupported'
    | 'execution-disabled';

export interface Degraded {
    reason: DegradedReason;
    /** Human readable; says what to do. */
    message: string;
}

export interface MethodRef {
    name: string;
    range: Range;
    /** Added by the server: the range of the method's name. */
    nameRange: Range;
}

export interface Subject {
    name: string;
    kind: VariableKind;
    /** The definition the question is about (for a use: the definition that reaches it). */
    range: Range;
    /** Added by the server: present (true) when the subject is a method's name (all its parameters). */
    isMethod?: boolean;
}

export interface CausalImpactResult {
    uri: string;
    /** The document version the answer was computed on. */
    version: number;
    method: MethodRef;
    subject: Subject;
    downstream: ImpactEntry[];
    upstream: ImpactEntry[];
    model: ModelSummary;
    degraded: Degraded | null;
}

export interface MethodGraphParams {
    textDocument: { uri: string };
    /** Anywhere inside a method or constructor. */
    position: Position;
}

export type EdgeKind = 'data' | 'control' | 'fallback';

/** One definition of a variable. */
export interface GraphNode {
    /** Graph id of the definition, e.g. `price@in`, `discount@2`, `return`. */
    id: string;
    /** Graph id of the variable. */
    variable: string;
    name: string;
    kind: VariableKind;
    /** Where the definition is made. */
    range: Range;
    /** Where its variable is declared. */
    declaration: Range;
    /** The value after a loop (one node per variable a loop assigns). */
    loopSummary: boolean;
}

/**
 * `to` depends on `from`: data flows in, or `from` controls whether `to` runs; `fallback`: `to`'s
 * variable keeps the value of `from` when the later definition `to` does not run.
 */
export interface GraphEdge {
    from: string;
    to: string;
    kind: EdgeKind;
}

export interface MethodGraphResult {
    uri: string;
    version: number;
    method: MethodRef;
    nodes: GraphNode[];
    edges: GraphEdge[];
}

/** `liftsys/drivers`: a variable (any position on it) in a method. */
export interface DriversParams {
    textDocument: { uri: string };
    position: Position;
    workDoneToken?: string | number;
}

/** A variable an answer is about (the target of drivers, the subject of a counterfactual). */
export interface VariableRef {
    name: string;
    kind: VariableKind;
    range: Range;
}

/** One driver: its measure (in squared units of the target), interval and share of the positive total. */
export interface Driver {
    name: string;
    kind: VariableKind;
    /** Its declaration; null for what has none in the text. */
    range: Range | null;
    value: WireNumber;
    low: WireNumber;
    high: WireNumber;
    share: WireNumber;
}

export interface DriversResult {
    uri: string;
    version: number;
    method: MethodRef;
    target: VariableRef;
    /** Direct inputs, by DoWhy's `gcm.arrow_strength`, strongest first. */
    parents: Driver[];
    /** Everything upstream, by `gcm.intrinsic_causal_influence` (each one's own contribution), strongest first. */
    ancestors: Driver[];
    /** "variance". */
    measure: string;
    /** Present when a ranking was made. */
    level?: number;
    bootstrap?: number;
    notes: string[];
    degraded: Degraded | null;
}

/** `liftsys/counterfactual`'s change: set the subject to a value, or shift it, in one run. */
export type RunChange = { set: { to: number | boolean } } | { shift: number };

export interface CounterfactualParams {
    textDocument: { uri: string };
    /** On a parameter or a local. */
    position: Position;
    /** The index of a traced run (0: the first); default 0. */
    run?: number;
    intervention: RunChange;
    workDoneToken?: string | number;
}

/** The change of a downstream variable in DoWhy's replay, with its interval. */
export interface RunDelta {
    value: WireNumber;
    low: WireNumber;
    high: WireNumber;
    level: number;
}

export interface CounterfactualEntry {
    name: string;
    kind: VariableKind;
    range: Range;
    /** Its recorded value in the run. */
    factual: WireNumber;
    /** DoWhy's value in the changed run (the run's own noise kept); null when the model cannot replay it. */
    counterfactual: WireNumber;
    change: RunDelta | null;
    /** The value the code computes when the run's inputs run again with the change applied; null when unmeasured. */
    measured: WireNumber;
}

export interface CounterfactualResult {
    uri: string;
    version: number;
    method: MethodRef;
    subject: VariableRef;
    /** The run's index; null (with `degraded`) when there is no model. */
    run: number | null;
    entries: CounterfactualEntry[];
    notes: string[];
    degraded: Degraded | null;
    /** In words: "price = 12". Present when a run was replayed. */
    change?: string;
    /** The run's input values by name. */
    inputs?: Record<string, WireNumber>;
    /** False when the model cannot replay the run (`unavailable` says why; the modelled values are null). */
    available?: boolean;
    unavailable?: string | null;
    /** Why the code could not be rerun so (the measured values are null). */
    unmeasured?: string | null;
    unreliable?: boolean;
    reasons?: Reason[];
}

export namespace CausalImpactRequest {
    export const method = 'liftsys/causalImpact';
    export const type = new RequestType<CausalImpactParams, CausalImpactResult, void>(method);
}

export namespace MethodGraphRequest {
    export const method = 'liftsys/methodGraph';
    export const type = new RequestType<MethodGraphParams, MethodGraphResult, void>(method);
}

export namespace DriversRequest {
    export const method = 'liftsys/drivers';
    export const type = new RequestType<DriversParams, DriversResult, void>(method);
}

export namespace CounterfactualRequest {
    export const method = 'liftsys/counterfactual';
    export const type = new RequestType<CounterfactualParams, CounterfactualResult, void>(method);
}

/**
 * The server's code-lens commands, run with workspace/executeCommand and arguments
 * `[uri, line, character]` of a method's name: the `liftsys/causalImpact` answer (downstream,
 * shift +1) for the method's parameters, structural (`impact`) or quantified (`quantify`).
 */
export const ServerCommands = {
    impact: 'liftsys.server.impact',
    quantify: 'liftsys.server.quantify',
} as const;

export type LensCommandArguments = [uri: string, line: number, character: number];

/** JSON-RPC error codes the server answers with. */
export const ErrorCodes = {
    InvalidParams: -32602,
    RequestCancelled: -32800,
    InternalError: -32603,
} as const;

/** The settings the server reads (initializationOptions and the `liftsys` configuration section). */
export interface ServerSettings {
    python?: string;
    timeoutMs?: number;
    samples?: number;
    executeCode?: boolean;
    classpath?: string[];
    seed?: number;
    quality?: 'GOOD' | 'BETTER' | 'BEST';
    minQuality?: number;
    codeLens?: boolean;
    inlayHints?: boolean;
    warmUp?: boolean;
}
