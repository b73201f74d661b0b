import './token.css';
import { useState, type FormEvent } from 'react';
import { checkToken, rememberToken } from '../../api/token';
import { errorText } from '../../../shared/errors';

/** Asks once for the access token of the serve-mode console; a good one is remembered. */
export function TokenPrompt({ reason, onAccepted }: { reason: string | null; onAccepted: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const value = token.trim();
    if (!value) {
      setError('Enter the access token.');
      return;
    }
    setBusy(true);
    setError(null);
    checkToken(value)
      .then((verdict) => {
        if (verdict === 'valid') {
          rememberToken(value);
          onAccepted(value);
        } else setError('The server refused this token.');
      })
      .catch((err: unknown) => setError(`Cannot reach the server: ${errorText(err)}`))
      .finally(() => setBusy(false));
  };

  return (
    <main className="token-screen">
      <form className="token-card" onSubmit={submit} aria-labelledby="token-title" data-testid="token-prompt">
        <h1 id="token-title">Arxos Control Room</h1>
        <p>This console needs the access token of the server.</p>
        {reason && (
          <p className="notice tone-text-uncertain" data-testid="token-reason">
            {reason}
          </p>
        )}
        <label htmlFor="token-input">Access token</label>
        <input
          id="token-input"
          data-testid="token-input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'token-error' : 'token-hint'}
          autoFocus
        />
        {error ? (
          <p id="token-error" className="form-error" role="alert" data-testid="token-error">
            {error}
          </p>
        ) : (
          <p id="token-hint" className="hint">
            It is part of the address printed by <code>arxos serve</code>, and kept in <code>console.token</code> in the server's data
            directory.
          </p>
        )}
        <button type="submit" data-testid="token-submit" disabled={busy}>
          {busy ? 'Checking…' : 'Connect'}
        </button>
      </form>
    </main>
  );
}
