/**
 * The analysis state shown in the status bar, as a pure reducer fed by the client's lifecycle, the
 * server's `$/progress` and the answers. No `vscode`: the status bar item renders `renderStatus`.
 */
import { reasonLabel } from './degraded';
import type { CausalImpactResult, Degraded } from './protocol';

export type Phase = 'preparing' | 'starting' | 'ready' | 'fitting' | 'degraded' | 'stopped';

export interface StatusState {
    phase: Phase;
    trusted: boolean;
    /** Quantifications under way (each has its own progress token). */
    fits: number;
    percent?: number;
    progressMessage?: string;
    degraded?: Degraded;
    /** Why the server stopped or could not start. */
    error?: string;
    /** What limits a running server (e.g. no Python for effect sizes); survives restarts. */
    note?: string;
    /** "liftsys 0.1.0" once the server said so. */
    version?: string;
}

export type StatusEvent =
    | { type: 'preparing'; percent?: number; message?: string }
    | { type: 'note'; note?: string }
    | { type: 'version'; version: string }
    | { type: 'starting' }
    | { type: 'ready' }
    | { type: 'stopped'; error: string }
    | { type: 'progressBegin'; title?: string; percent?: number }
    | { type: 'progressReport'; message?: string; percent?: number }
    | { type: 'progressEnd' }
    | { type: 'answer'; answer: CausalImpactResult }
    | { type: 'cleared' }
    | { type: 'trust'; trusted: boolean };

export function initialStatus(trusted: boolean): StatusState {
    return { phase: 'starting', trusted, fits: 0 };
}

/** What every phase keeps: trust, the note and the version. */
function kept(s: StatusState): Pick<StatusState, 'trusted' | 'note' | 'version'> {
    return { trusted: s.trusted, note: s.note, version: s.version };
}

/** The phase when no fit is running: degraded while the last quantified answer was. */
function settled(s: StatusState): Phase {
    if (s.phase === 'stopped' || s.phase === 'starting' || s.phase === 'preparing') {
        return s.phase;
    }
    return s.degraded ? 'degraded' : 'ready';
}

export function nextStatus(s: StatusState, e: StatusEvent): StatusState {
    switch (e.type) {
        case 'preparing':
            return { ...kept(s), phase: 'preparing', fits: 0, percent: e.percent, progressMessage: e.message };
        case 'note':
            return { ...s, note: e.note };
        case 'version':
            return { ...s, version: e.version };
        case 'starting':
            return { ...kept(s), phase: 'starting', fits: 0 };
        case 'ready':
            return { ...kept(s), phase: 'ready', fits: 0 };
        case 'stopped':
            return { ...kept(s), phase: 'stopped', fits: 0, error: e.error };
        case 'trust':
            return { ...s, trusted: e.trusted };
        case 'progressBegin':
            if (s.phase === 'stopped' || s.phase === 'preparing') {
                return s;
            }
            return { ...s, phase: 'fitting', fits: s.fits + 1, percent: e.percent, progressMessage: e.title };
        case 'progressReport':
            if (s.phase !== 'fitting') {
                return s;
            }
            return { ...s, percent: e.percent ?? s.percent, progressMessage: e.message ?? s.progressMessage };
        case 'progressEnd': {
            if (s.phase !== 'fitting') {
                return s;
            }
            const fits = Math.max(0, s.fits - 1);
            if (fits > 0) {
                return { ...s, fits };
            }
            const rest: StatusState = { ...s, fits: 0, percent: undefined, progressMessage: undefined };
            return { ...rest, phase: settled({ ...rest, phase: 'ready' }) };
        }
        case 'answer': {
            if (e.answer.model.status === 'structural') {
                return s;
            }
            const degraded = e.answer.degraded ?? undefined;
            const next: StatusState = { ...s, degraded };
            return s.phase === 'fitting' || s.phase === 'stopped' || s.phase === 'starting' || s.phase === 'preparing'
                ? next : { ...next, phase: degraded ? 'degraded' : 'ready' };
        }
        case 'cleared': {
            const next: StatusState = { ...s, degraded: undefined };
            return s.phase === 'degraded' ? { ...next, phase: 'ready' } : next;
        }
    }
}

export interface StatusView {
    text: string;
    tooltip: string;
    /** Command run on click. */
    command?: string;
    severity: 'normal' | 'warning' | 'error';
}

export function renderStatus(s: StatusState): StatusView {
    const restricted = s.trusted ? '' : ' (restricted)';
    const trustNote = s.trusted ? '' : '\n\nUntrusted workspace: structural answers only; methods are not run to quantify (liftsys.executeCode is forced off).';
    const note = s.note ? `\n\n${s.note}` : '';
    switch (s.phase) {
        case 'preparing': {
            const pct = s.percent !== undefined ? ` ${Math.round(s.percent)}%` : '';
            return {
                text: `$(sync~spin) liftsys: setting up${pct}`,
                tooltip: `liftsys: first run, making the DoWhy environment${s.progressMessage ? `: ${s.progressMessage}` : ''}`,
                command: 'liftsys.showOutput',
                severity: 'normal',
            };
        }
        case 'starting':
            return { text: '$(sync~spin) liftsys', tooltip: `liftsys: starting the server${trustNote}`, command: 'liftsys.showOutput', severity: 'normal' };
        case 'ready':
            return {
                text: `$(pulse) liftsys${restricted}`,
                tooltip: `liftsys: ready${note}${trustNote}`,
                command: 'liftsys.showOutput',
                severity: s.note ? 'warning' : 'normal',
            };
        case 'fitting': {
            const pct = s.percent !== undefined ? ` ${Math.round(s.percent)}%` : '';
            const more = s.fits > 1 ? ` (${s.fits})` : '';
            return {
                text: `$(sync~spin) liftsys: fitting${pct}${more}`,
                tooltip: `liftsys: quantifying${s.progressMessage ? `: ${s.progressMessage}` : ''}`,
                command: 'liftsys.showOutput',
                severity: 'normal',
            };
        }
        case 'degraded': {
            const d = s.degraded;
            return {
                text: `$(warning) liftsys: degraded${d ? ` (${reasonLabel(d.reason)})` : ''}`,
                tooltip: `liftsys: effect sizes unavailable${d ? `: ${d.message}` : ''}${trustNote}`,
                command: 'liftsys.showDegraded',
                severity: 'warning',
            };
        }
        case 'stopped':
            return {
                text: '$(error) liftsys: stopped',
                tooltip: `liftsys: the server is not running${s.error ? `: ${s.error}` : ''}. Click to restart.`,
                command: 'liftsys.restartServer',
                severity: 'error',
            };
    }
}

export interface LanguageStatusView {
    text: string;
    detail: string;
    severity: 'information' | 'warning' | 'error';
    busy: boolean;
}

/**
 * The language status item beside "Java" in the status bar (like vscode-java's): "liftsys: ready",
 * with the version as detail; its command shows the output and version.
 */
export function renderLanguageStatus(s: StatusState): LanguageStatusView {
    const version = s.version ?? 'liftsys';
    switch (s.phase) {
        case 'preparing':
            return {
                text: `liftsys: setting up${s.percent !== undefined ? ` ${Math.round(s.percent)}%` : ''}`,
                detail: s.progressMessage ?? 'first run: making the DoWhy environment',
                severity: 'information',
                busy: true,
            };
        case 'starting':
            return { text: 'liftsys: starting', detail: version, severity: 'information', busy: true };
        case 'fitting':
            return { text: 'liftsys: fitting', detail: s.progressMessage ?? version, severity: 'information', busy: true };
        case 'stopped':
            return { text: 'liftsys: stopped', detail: s.error ?? 'the server is not running', severity: 'error', busy: false };
        case 'ready':
        case 'degraded':
            return {
                text: s.note ? 'liftsys: ready (structural only)' : 'liftsys: ready',
                detail: s.note ?? `${version}${s.trusted ? '' : ' · restricted: untrusted workspace'}`,
                severity: s.note ? 'warning' : 'information',
                busy: false,
            };
    }
}
