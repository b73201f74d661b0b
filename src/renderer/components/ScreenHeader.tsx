import type { ReactNode } from 'react';

/** The title row of a screen, with room for its tools on the right. */
export function ScreenHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1 id="screen-title">{title}</h1>
      {children && <div className="screen-tools">{children}</div>}
    </header>
  );
}
