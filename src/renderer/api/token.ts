import { splitToken } from './token-url';

const STORAGE_KEY = 'arxos.console.token';

let fromAddress: string | null | undefined;

/**
 * The token from the address bar (removed from it at once), else the remembered one.
 * The address is read once per page load, so asking again gives the same answer.
 */
export function initialToken(): { token: string | null; fromUrl: boolean } {
  if (fromAddress === undefined) {
    const { token, cleanUrl } = splitToken(window.location.href);
    fromAddress = token;
    if (token !== null) window.history.replaceState(window.history.state, '', cleanUrl);
  }
  return fromAddress !== null ? { token: fromAddress, fromUrl: true } : { token: storedToken(), fromUrl: false };
}

export function storedToken(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, policy): the prompt then asks every time.
    return null;
  }
}

export function rememberToken(token: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // See storedToken.
  }
}

export function forgetToken(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // See storedToken.
  }
}

export type TokenVerdict = 'valid' | 'refused';

/**
 * Asks the server whether the token is good. Needed because a browser hides the HTTP 401
 * of a refused WebSocket upgrade. Rejects when the server cannot be reached.
 */
export async function checkToken(token: string): Promise<TokenVerdict> {
  const res = await fetch('/auth/check', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (res.status === 204 || res.status === 200) return 'valid';
  if (res.status === 401 || res.status === 403) return 'refused';
  throw new Error(`the server answered ${res.status} ${res.statusText} to the token check`);
}
