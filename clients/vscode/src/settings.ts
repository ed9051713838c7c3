/**
 * The `liftsys.*` settings as the server reads them (initializationOptions and the `liftsys`
 * section of workspace/didChangeConfiguration), with workspace trust applied. No `vscode`: the
 * caller passes a getter over the configuration.
 */
import type { ServerSettings } from './protocol';

/** Reads one key of the `liftsys` configuration section (undefined when unset and without default). */
export type ConfigGetter = (key: string) => unknown;

export interface ForwardedSettings {
    settings: ServerSettings;
    /** True when the user asked for executeCode but the untrusted workspace forced it off. */
    executeCodeForcedOff: boolean;
}

const QUALITIES = new Set(['GOOD', 'BETTER', 'BEST']);

/**
 * The settings to send. Values of the wrong type are left out, so the server keeps its default
 * (it would warn and do the same); an empty `python` means the server's own default.
 * In an untrusted workspace `executeCode` is always false.
 */
export function forwardedSettings(get: ConfigGetter, trusted: boolean): ForwardedSettings {
    const s: ServerSettings = {};
    const python = get('python');
    if (typeof python === 'string' && python.trim() !== '') {
        s.python = python;
    }
    const number = (key: 'timeoutMs' | 'samples' | 'seed' | 'minQuality'): void => {
        const v = get(key);
        if (typeof v === 'number' && Number.isFinite(v)) {
            s[key] = v;
        }
    };
    number('timeoutMs');
    number('samples');
    number('seed');
    number('minQuality');
    const bool = (key: 'executeCode' | 'codeLens' | 'inlayHints' | 'warmUp'): void => {
        const v = get(key);
        if (typeof v === 'boolean') {
            s[key] = v;
        }
    };
    bool('executeCode');
    bool('codeLens');
    bool('inlayHints');
    bool('warmUp');
    const classpath = get('classpath');
    if (Array.isArray(classpath) && classpath.every((c) => typeof c === 'string')) {
        s.classpath = classpath;
    }
    const quality = get('quality');
    if (typeof quality === 'string' && QUALITIES.has(quality)) {
        s.quality = quality as ServerSettings['quality'];
    }
    let executeCodeForcedOff = false;
    if (!trusted) {
        executeCodeForcedOff = s.executeCode !== false;
        s.executeCode = false;
    }
    return { settings: s, executeCodeForcedOff };
}

/** What the user is told when an untrusted workspace forces executeCode off. */
export const UNTRUSTED_MESSAGE =
    'liftsys: this workspace is not trusted, so liftsys will not run its methods to quantify effects '
    + '(liftsys.executeCode is forced off). Causal paths and distances still work. Trust the workspace to get effect sizes.';
