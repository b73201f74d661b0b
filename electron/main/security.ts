import { app, type Session, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** Permissions the UI may use: full screen for wall displays, copying values to the clipboard. Everything else is denied. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen', 'clipboard-sanitized-write']);

/**
 * The desktop's security policy, applied to every web contents ever created: no navigation away
 * from the app, no new windows, no <webview>, and permissions denied except the few the UI needs.
 */
export function applySecurityPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** IPC calls are accepted from our own UI only, never from a frame that navigated elsewhere. */
export function isAppUrl(url: string | undefined): boolean {
  return url !== undefined && url.startsWith(`${APP_ORIGIN}/`);
}
