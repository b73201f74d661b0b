/**
 * The printed console URL carries the access token as `?token=...`. It is taken out of the
 * address so it does not linger in the history, bookmarks or a screenshot.
 */
export function splitToken(href: string): { token: string | null; cleanUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  if (token === null) return { token: null, cleanUrl: href };
  url.searchParams.delete('token');
  return { token: token.trim() || null, cleanUrl: url.toString() };
}

/** The WebSocket address of the contract on the same host; browsers cannot set headers on it, hence the query. */
export function rpcUrl(pageHref: string, token: string): string {
  const page = new URL(pageHref);
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}/rpc?token=${encodeURIComponent(token)}`;
}
