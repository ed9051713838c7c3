/**
 * The language client: which server to start, the machine check and first-run environment of an
 * installed distribution (distribution.ts), the settings the server gets (initializationOptions
 * and workspace/didChangeConfiguration, executeCode forced off in an untrusted workspace),
 * restarts, and the typed requests of protocol.ts, each with a cancellation token.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification, InlayHintRequest, LanguageClient, State, TransportKind, WorkDoneProgress,
    type LanguageClientOptions, type ServerOptions, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import {
    CausalImpactRequest, CounterfactualRequest, DriversRequest, MethodGraphRequest,
    type CausalImpactParams, type CausalImpactResult, type CounterfactualParams, type CounterfactualResult, type DriversParams,
    type DriversResult, type MethodGraphParams, type MethodGraphResult,
} from './protocol';
import { prepareDistribution } from './distribution';
import { lensQuestion } from './lens';
import type { DoctorReport } from './prerequisites';
import { resolveServer, type FileChecks } from './serverCommand';
import { forwardedSettings, UNTRUSTED_MESSAGE } from './settings';
import type { StatusBar } from './statusBar';

const fileChecks: FileChecks = {
    isFile: (p) => {
        try {
            return fs.statSync(p).isFile();
        } catch {
            return false;
        }
    },
    isDirectory: (p) => {
        try {
            return fs.statSync(p).isDirectory();
        } catch {
            return false;
        }
    },
};

export type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** Runs a question the server's code lenses ask (liftsys.server.impact / .quantify) the way the extension's commands do. */
export type AskLens = (uri: string, position: { line: number; character: number }, quantify: boolean) => Promise<unknown>;

/** Lines (0-based) of a document whose inlay hints the answer on screen already shows. */
export type HiddenHints = (uri: string) => ReadonlySet<number>;

export class Session implements vscode.Disposable {
    private client: LanguageClient | undefined;
    private toldUntrusted = false;
    /** The last check of an installed distribution (versions, where its environment is). */
    doctor: DoctorReport | undefined;
    /** Set by the view: hints on these lines are left out, their effects are on screen already. */
    hiddenHints: HiddenHints = () => new Set();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly context: vscode.ExtensionContext, readonly output: vscode.LogOutputChannel,
        private readonly status: StatusBar, private readonly askLens: AskLens) {
        this.disposables.push(
            vscode.workspace.onDidChangeConfiguration((e) => this.configurationChanged(e)),
            vscode.workspace.onDidGrantWorkspaceTrust(() => this.trustGranted()),
        );
    }

    get running(): boolean {
        return this.client !== undefined && this.client.state === State.Running;
    }

    private settings(): ReturnType<typeof forwardedSettings> {
        const config = vscode.workspace.getConfiguration('liftsys');
        return forwardedSettings((key) => config.get(key), vscode.workspace.isTrusted);
    }

    /** The start under way (the machine check, a first run's environment, the client's start). */
    private starting: Promise<void> | undefined;

    /** Starts the server; a question asked meanwhile waits for it (see `started`). */
    start(): Promise<void> {
        const run = this.startNow().finally(() => {
            if (this.starting === run) {
                this.starting = undefined;
            }
        });
        this.starting = run;
        return run;
    }

    /**
     * Waits for a start under way, so a question asked right after opening a file (a fresh window)
     * is answered once the server is up instead of failing.
     */
    private async started(): Promise<LanguageClient> {
        if (this.starting) {
            await this.starting;
        }
        return this.require();
    }

    /** Resolves once the server runs (after a start under way); rejects, saying why, when it does not. */
    async ready(): Promise<void> {
        await this.started();
    }

    private async startNow(): Promise<void> {
        const trusted = vscode.workspace.isTrusted;
        this.status.dispatch({ type: 'trust', trusted });
        const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
        const configured = vscode.workspace.getConfiguration('liftsys').get<string>('serverPath') ?? '';
        const resolution = resolveServer(configured, folders, this.context.extensionPath, trusted, fileChecks);
        if (!resolution.server) {
            const problem = resolution.problem ?? 'liftsys: no server to start.';
            this.output.error(problem);
            this.status.dispatch({ type: 'stopped', error: problem });
            const actions = trusted ? ['Open Settings'] : ['Manage Workspace Trust', 'Open Settings'];
            void vscode.window.showErrorMessage(problem, ...actions).then((choice) => {
                if (choice === 'Open Settings') {
                    void vscode.commands.executeCommand('workbench.action.openSettings', 'liftsys.serverPath');
                } else if (choice === 'Manage Workspace Trust') {
                    void vscode.commands.executeCommand('workbench.trust.manage');
                }
            });
            return;
        }
        const server = resolution.server;
        if (server.distribution) {
            const pythonConfigured = (vscode.workspace.getConfiguration('liftsys').get<string>('python') ?? '').trim() !== '';
            const prepared = await prepareDistribution(server, pythonConfigured, this.output, this.status);
            this.doctor = prepared.report;
            if (!prepared.serve) {
                return;
            }
        }
        this.output.info(`starting ${server.command} ${server.args.join(' ')} (from the ${server.source}) in ${server.cwd}`);
        const forwarded = this.settings();
        this.tellIfForcedOff(forwarded.executeCodeForcedOff);
        const serverOptions: ServerOptions = {
            command: server.command,
            args: server.args,
            transport: TransportKind.stdio,
            options: { cwd: server.cwd },
        };
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ scheme: 'file', language: 'java' }, { scheme: 'untitled', language: 'java' }],
            initializationOptions: { liftsys: forwarded.settings },
            outputChannel: this.output,
            diagnosticCollectionName: 'liftsys',
            middleware: {
                // One display of each effect: while a quantified answer is on screen, its
                // after-texts show the effects, so the server's hints on those lines are left out.
                provideInlayHints: async (document, range, token, next) => {
                    const hints = await next(document, range, token);
                    const hidden = this.hiddenHints(document.uri.toString());
                    return hints && hidden.size > 0 ? hints.filter((h) => !hidden.has(h.position.line)) : hints;
                },
                // A click on the server's lens: ask the question here, so its answer lands in the
                // tree, the highlights and the status bar (with progress) like a command's.
                executeCommand: (command, args, next): unknown => {
                    const lens = lensQuestion(command, args);
                    return lens ? this.askLens(lens.uri, lens.position, lens.quantify) : next(command, args) as unknown;
                },
            },
        };
        const client = new LanguageClient('liftsys', 'liftsys', serverOptions, clientOptions);
        this.client = client;
        this.status.dispatch({ type: 'starting' });
        client.onDidChangeState((e) => {
            if (client !== this.client) {
                return;
            }
            if (e.newState === State.Running) {
                const info = client.initializeResult?.serverInfo;
                if (info) {
                    this.status.dispatch({ type: 'version', version: `${info.name} ${info.version ?? ''}`.trim() });
                }
                this.status.dispatch({ type: 'ready' });
            } else if (e.newState === State.Stopped) {
                this.status.dispatch({ type: 'stopped', error: 'the server stopped; the liftsys output has its log' });
            } else {
                this.status.dispatch({ type: 'starting' });
            }
        });
        try {
            await client.start();
        } catch (err) {
            const message = `liftsys: the server did not start (${String(err)}). If it says it is not built, run ./liftsys setup in ${server.cwd}.`;
            this.output.error(message);
            this.status.dispatch({ type: 'stopped', error: message });
            void vscode.window.showErrorMessage(message, 'Show Output').then((c) => c && this.output.show());
        }
    }

    async restart(): Promise<void> {
        await this.stop();
        await this.start();
    }

    async stop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client && client.state !== State.Stopped) {
            try {
                await client.stop(5000);
            } catch (err) {
                this.output.warn(`stopping the server: ${String(err)}`);
            }
        }
    }

    private tellIfForcedOff(forcedOff: boolean): void {
        if (forcedOff && !this.toldUntrusted) {
            this.toldUntrusted = true;
            this.output.warn(UNTRUSTED_MESSAGE);
            void vscode.window.showInformationMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
                if (choice) {
                    void vscode.commands.executeCommand('workbench.trust.manage');
                }
            });
        }
    }

    private configurationChanged(e: vscode.ConfigurationChangeEvent): void {
        if (e.affectsConfiguration('liftsys.serverPath')) {
            this.output.info('liftsys.serverPath changed: restarting the server');
            void this.restart();
            return;
        }
        if (e.affectsConfiguration('liftsys')) {
            this.sendSettings();
        }
    }

    private sendSettings(): void {
        if (!this.running || !this.client) {
            return;
        }
        const forwarded = this.settings();
        this.tellIfForcedOff(forwarded.executeCodeForcedOff);
        void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { liftsys: forwarded.settings } });
    }

    private trustGranted(): void {
        this.status.dispatch({ type: 'trust', trusted: true });
        if (this.running) {
            this.sendSettings();
        } else {
            // A launcher in the workspace may now be started.
            void this.restart();
        }
    }

    private require(): LanguageClient {
        if (!this.client || !this.running) {
            throw new Error('the liftsys server is not running (see the liftsys output; "liftsys: Restart server" starts it again)');
        }
        return this.client;
    }

    causalImpact(params: CausalImpactParams, token: vscode.CancellationToken): Promise<CausalImpactResult> {
        return this.started().then((c) => c.sendRequest(CausalImpactRequest.type, params, token));
    }

    methodGraph(params: MethodGraphParams, token: vscode.CancellationToken): Promise<MethodGraphResult> {
        return this.started().then((c) => c.sendRequest(MethodGraphRequest.type, params, token));
    }

    drivers(params: DriversParams, token: vscode.CancellationToken): Promise<DriversResult> {
        return this.started().then((c) => c.sendRequest(DriversRequest.type, params, token));
    }

    counterfactual(params: CounterfactualParams, token: vscode.CancellationToken): Promise<CounterfactualResult> {
        return this.started().then((c) => c.sendRequest(CounterfactualRequest.type, params, token));
    }

    /** Asks VS Code for a document's inlay hints again (after the answer on screen changed). */
    refreshHints(uri: string): void {
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        if (document && this.running && this.client) {
            this.client.getFeature(InlayHintRequest.method).getProvider(document)?.onDidChangeInlayHints.fire();
        }
    }

    /** The server's name and version from its initialize answer. */
    serverVersion(): string | undefined {
        const info = this.client?.initializeResult?.serverInfo;
        return info ? `${info.name} ${info.version ?? ''}`.trim() : undefined;
    }

    /** Listens to the server's `$/progress` under a token this client made. */
    onProgress(token: string, handler: (value: ProgressValue) => void): vscode.Disposable {
        return this.require().onProgress(WorkDoneProgress.type, token, handler);
    }

    dispose(): void {
        for (const d of this.disposables) {
            d.dispose();
        }
        void this.stop();
    }
}
