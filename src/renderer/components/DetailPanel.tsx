import './detail-panel.css';
import { useEffect, type ComponentPropsWithoutRef, type ReactNode } from 'react';

type Props = Omit<ComponentPropsWithoutRef<'aside'>, 'title' | 'className' | 'aria-labelledby'> & {
  /** What the panel shows, in its class, test id and words: "point" → `point-detail`, "Close the point detail". */
  name: string;
  title: string;
  /** The key under the title, in monospace. */
  subtitle: string;
  closeTestId: string;
  onClose: () => void;
  children: ReactNode;
};

/** The side panel with one row's detail beside a table; Escape closes it like its × button. */
export function DetailPanel({ name, title, subtitle, closeTestId, onClose, children, ...rest }: Props) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const titleId = `${name}-detail-title`;
  return (
    <aside {...rest} className={`detail ${name}-detail`} aria-labelledby={titleId} data-testid={`${name}-detail`}>
      <header className="detail-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={`Close the ${name} detail`} data-testid={closeTestId}>
          ×
        </button>
      </header>
      <p className="detail-key mono">{subtitle}</p>
      {children}
    </aside>
  );
}
