/** Answers recorded from the real server for examples/Pricing.java (the contract test checks live ones). */
import * as fs from 'fs';
import * as path from 'path';
import type { CausalImpactResult, MethodGraphResult } from '../../src/protocol';

/** clients/vscode, from out/test/support or test/support. */
export const EXTENSION_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const REPO_ROOT = process.env.LIFTSYS_ROOT ?? path.resolve(EXTENSION_DIR, '../..');

function load<T>(name: string): T {
    return JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'test', 'fixtures', `${name}.json`), 'utf8')) as T;
}

export const graph = (name: 'total' | 'sumTo' | 'affine'): MethodGraphResult => load(`${name}-graph`);
export const answer = (name: 'total-price-downstream-quantified' | 'total-discount-upstream' | 'total-method-both'
    | 'affine-u-quantified' | 'sumTo-acc-both'): CausalImpactResult => load(name);
