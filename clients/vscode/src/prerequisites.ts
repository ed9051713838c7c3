/**
 * What the installed distribution needs from the machine (Java 17+ for the server, Python 3.10+
 * for the DoWhy environment), read from `liftsys doctor --json`, and the one message that says
 * what is missing. No `vscode`: the session shows the message.
 */

/** `liftsys doctor --json` (packaging/bin/liftsys). */
export interface DoctorReport {
    version: string;
    dist: string;
    data: string;
    java: { ok: boolean; path: string; version: string; problem: string };
    python: { ok: boolean; path: string; version: string; problem: string };
    server: { ok: boolean; jar: string };
    env: { ready: boolean; path: string; python: string };
}

export interface Plan {
    /** Whether the server can start at all (it needs Java and its jar). */
    serve: boolean;
    /** Whether to make the DoWhy environment before starting (first run). */
    makeEnv: boolean;
    /** One message for the user when something is missing; undefined when all is there. */
    problem?: { severity: 'error' | 'warning'; message: string };
}

/** Parses the launcher's JSON; undefined when it is not a doctor report. */
export function parseDoctor(text: string): DoctorReport | undefined {
    try {
        const r = JSON.parse(text.trim()) as Partial<DoctorReport>;
        if (r && typeof r.version === 'string' && r.java && r.python && r.env && r.server) {
            return r as DoctorReport;
        }
    } catch {
        // fall through
    }
    return undefined;
}

/**
 * What to do with a doctor report. `pythonConfigured`: the user set `liftsys.python` to their own
 * interpreter, so the distribution's environment (and Python for it) is not needed.
 */
export function plan(report: DoctorReport, pythonConfigured: boolean): Plan {
    const envNeeded = !pythonConfigured && !report.env.ready;
    const missing: string[] = [];
    if (!report.java.ok) {
        missing.push(`${report.java.problem}.`);
    }
    if (!report.server.ok) {
        missing.push(`The server is missing from the installed extension (${report.server.jar}): reinstall the liftsys extension.`);
    }
    const serve = report.java.ok && report.server.ok;
    const pythonMissing = envNeeded && !report.python.ok;
    if (pythonMissing) {
        missing.push(`${report.python.problem}.${serve ? ' Paths and distances work without it.' : ''}`);
    }
    if (missing.length === 0) {
        return { serve, makeEnv: envNeeded };
    }
    const head = serve ? 'liftsys cannot give effect sizes yet:' : 'liftsys cannot start:';
    return {
        serve,
        makeEnv: envNeeded && report.python.ok,
        problem: { severity: serve ? 'warning' : 'error', message: `${head} ${missing.join(' ')}` },
    };
}

/** "liftsys: [ 42%] fetching numpy==2.4.6 (12 of 52)" -> { percent: 42, message: "fetching ..." }. */
export function parseProgressLine(line: string): { percent: number; message: string } | undefined {
    const m = /^liftsys: \[\s*(\d+)%\] (.*)$/.exec(line.trim());
    return m ? { percent: Number(m[1]), message: m[2] } : undefined;
}
