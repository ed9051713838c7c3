/**
 * The liftsys protocol, declared once for the extension and its tests.
 *
 * This file mirrors the server's JSON writers field for field:
 *   - `liftsys/causalImpact`: server/src/main/java/liftsys/lsp/ProtocolJson.java (the result) and
 *     ImpactParams.java (the params), as specified by shared/spec/protocol.md plus the fields the
 *     contract allows to be added (method.nameRange, subject.isMethod, effect.level,
 *     effect.unreliable, model.unreliable, model.inputs, model.thrown);
 *   - `liftsys/methodGraph`: server/src/main/java/liftsys/lsp/MethodGraphHandler.java (an addition
 *     to protocol.md);
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

/** An estimated average causal effect with its interval at `level` (e.g. 0.95). */
export interface Effect {
    value: number;
    low: number;
    high: number;
    /** Added by the server: the interval's level. */
    level?: number;
    /** Added by the server: present (true) when the entry's mechanism explains held-out rows worse than minQuality. */
    unreliable?: boolean;
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

export namespace CausalImpactRequest {
    export const method = 'liftsys/causalImpact';
    export const type = new RequestType<CausalImpactParams, CausalImpactResult, void>(method);
}

export namespace MethodGraphRequest {
    export const method = 'liftsys/methodGraph';
    export const type = new RequestType<MethodGraphParams, MethodGraphResult, void>(method);
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
