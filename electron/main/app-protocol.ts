import fs from 'node:fs';
import { protocol } from 'electron';
import { securityHeaders } from '../../src/core/console/security-headers';
import { resolveStatic } from '../../src/core/console/static-files';

export const APP_SCHEME = 'app';
/** The UI's origin on the desktop: a custom scheme instead of file://, which would grant the page the whole disk. */
export const APP_ORIGIN = `${APP_SCHEME}://arxos`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer at app://arxos/ with the same path rules and headers as serve mode. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { ...securityHeaders };
    if (url.host !== 'arxos' || request.method !== 'GET') return new Response('not found', { status: 404, headers });
    const hit = await resolveStatic(rendererDir, url.pathname);
    if (!hit.found) return new Response(hit.message, { status: hit.status, headers });
    return new Response(await fs.promises.readFile(hit.file), { headers: { ...headers, 'Content-Type': hit.contentType } });
  });
}
