/** The one line to print for this Node.js version, or undefined when it can run the project. */
export declare function tooOld(version: string): string | undefined;
