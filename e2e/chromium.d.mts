/** Types of e2e/chromium.mjs (plain JavaScript, so that bench/*.mjs can import it without a TypeScript loader). */
export declare const chromiumLaunch: { executablePath: string; args: string[] };
