/** The question behind a click on one of the server's code lenses. No `vscode`. */
import { ServerCommands, type Position } from './protocol';

export interface LensQuestion {
    uri: string;
    position: Position;
    quantify: boolean;
}

/** The question a server lens command asks, or undefined when it is not one of them (or malformed). */
export function lensQuestion(command: string, args: readonly unknown[]): LensQuestion | undefined {
    if (command !== ServerCommands.impact && command !== ServerCommands.quantify) {
        return undefined;
    }
    const [uri, line, character] = args;
    if (args.length !== 3 || typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') {
        return undefined;
    }
    return { uri, position: { line, character }, quantify: command === ServerCommands.quantify };
}
