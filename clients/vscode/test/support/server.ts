/**
 * The real liftsys server (`<repo>/liftsys serve`) over stdio, driven with vscode-jsonrpc, the
 * JSON-RPC package vscode-languageclient itself uses, and the LSP types of
 * vscode-languageserver-protocol. For the contract test and the Chromium test.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
    DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification,
    ShutdownRequest, WorkDoneProgressCreateRequest,
    type InitializeResult, type ProgressToken, type PublishDiagnosticsParams, type WorkDoneProgressBegin, type WorkDoneProgressEnd,
    type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import type { ServerSettings } from '../../src/protocol';
import { REPO_ROOT } from './fixtures';

export const PRICING_PATH = path.join(REPO_ROOT, 'examples', 'Pricing.java');
export const PRICING = fs.readFileSync(PRICING_PATH, 'utf8');

/** A `$/progress` notification of work-done progress. */
export interface ProgressParams {
    token: ProgressToken;
    value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

export interface Server {
    connection: MessageConnection;
    init: InitializeResult;
    progress: ProgressParams[];
    diagnostics: PublishDiagnosticsParams[];
    /** window/workDoneProgress/create tokens the server asked for. */
    created: (string | number)[];
    stderr: () => string;
    open(uri: string, text: string, version?: number): Promise<void>;
    close(): Promise<void>;
}

/** The position of the `nth` occurrence of `needle` in `text` (0-based line, UTF-16 character), plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, nth = 0): { line: number; character: number } {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
        at = text.indexOf(needle, at + 1);
        if (at < 0) {
            throw new Error(`"${needle}" not found`);
        }
    }
    const before = text.slice(0, at + offset);
    const line = before.split('\n').length - 1;
    return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

export async function startServer(settings: ServerSettings, workDoneProgress = true): Promise<Server> {
    const launcher = path.join(REPO_ROOT, 'liftsys');
    const child: ChildProcessWithoutNullStreams = spawn(launcher, ['serve'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const progress: ProgressParams[] = [];
    const diagnostics: PublishDiagnosticsParams[] = [];
    const created: (string | number)[] = [];
    connection.onNotification('$/progress', (p: ProgressParams) => {
        progress.push(p);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        diagnostics.push(p);
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
        created.push(p.token);
    });
    connection.onRequest('workspace/configuration', () => []);
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: { window: { workDoneProgress } },
        initializationOptions: { liftsys: settings },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return {
        connection,
        init,
        progress,
        diagnostics,
        created,
        stderr: () => stderr,
        open: (uri, text, version = 1) =>
            connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'java', version, text } }),
        async close() {
            try {
                await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 5000))]);
                await connection.sendNotification(ExitNotification.type);
            } catch {
                // the process may be gone already
            }
            const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
            if (code === 'timeout') {
                child.kill('SIGKILL');
            }
            connection.dispose();
        },
    };
}
