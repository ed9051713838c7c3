// Bundles the extension (Node, `vscode` external) and the graph view's script (browser, with
// elkjs inside: the webview loads nothing from the network).
import * as esbuild from 'esbuild';

const common = { bundle: true, sourcemap: false, logLevel: 'warning', legalComments: 'external' };

await Promise.all([
    esbuild.build({
        ...common,
        entryPoints: ['src/extension.ts'],
        outfile: 'dist/extension.js',
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['vscode'],
        minify: true,
    }),
    esbuild.build({
        ...common,
        entryPoints: ['src/webview/graph.ts'],
        outfile: 'dist/webview.js',
        platform: 'browser',
        format: 'iife',
        target: 'chrome114',
        minify: true,
    }),
]);
