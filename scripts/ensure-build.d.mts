// Types for ensure-build.mjs, so TypeScript callers (tests/global-setup.ts) can import it.
export declare const projectRoot: string;
export declare const OUTPUTS: readonly string[];
export declare function inputFingerprint(root?: string): string;
export declare function staleReason(root?: string): string | null;
export declare function ensureBuild(options?: { root?: string; log?: (line: string) => void }): Promise<{ built: boolean; reason: string | null }>;
