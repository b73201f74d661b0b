import type { ReactNode } from 'react';

/** A labelled form field with its error (from the contract's schema or the core) shown beside it. */
export function BrokerField(props: { id: string; label: string; error?: string | undefined; hint?: string; wide?: boolean; children: ReactNode }) {
  const { id, label, error, hint, wide, children } = props;
  return (
    <div className={`bf-field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="form-error" id={`${id}-error`} data-testid={`${id}-error`} role="alert">
          {error}
        </p>
      ) : (
        hint && <p className="hint">{hint}</p>
      )}
    </div>
  );
}

/** The aria attributes tying an input to its error. */
export const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
