/**
 * Answers recorded from the real server for examples/Pricing.java and, for issue 16's additions, for
 * small methods (wire-*: `x * 1e300` set out of range, `2 * (100 / x)`, `10 * a + b`); the contract
 * test checks live ones.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CausalImpactResult, CounterfactualResult, DriversResult, MethodGraphResult } from '../../src/protocol';

/** clients/vscode, from out/test/support or test/support. */
export const EXTENSION_DIR = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const REPO_ROOT = process.env.LIFTSYS_ROOT ?? path.resolve(EXTENSION_DIR, '../..');

function load<T>(name: string): T {
    return JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'test', 'fixtures', `${name}.json`), 'utf8')) as T;
}

export const graph = (name: 'total' | 'sumTo' | 'affine'): MethodGraphResult => load(`${name}-graph`);
export const answer = (name: 'total-price-downstream-quantified' | 'total-discount-upstream' | 'total-method-both'
    | 'affine-u-quantified' | 'sumTo-acc-both' | 'wire-over-unquantified' | 'wire-upstream-reasons'): CausalImpactResult => load(name);
/** Recorded from the real server on the methods of QuantitiesOnTheWireTest (issue 16): `10 * a + b` and friends. */
export const drivers = (name: 'wire-drive-drivers'): DriversResult => load(name);
export const counterfactual = (name: 'wire-drive-counterfactual'): CounterfactualResult => load(name);
