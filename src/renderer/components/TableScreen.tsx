import './table-screen.css';
import type { ReactNode } from 'react';
import { ScreenHeader } from './ScreenHeader';

export interface ListState {
  /** How many were read; null while the first read is under way. */
  loaded: number | null;
  /** How many of them pass the filters. */
  shown: number;
  /** The last read's error, shown only while nothing was read. */
  error: string | null;
}

interface Props {
  /** The plural noun of the screen, used in its class, test ids and messages: "points". */
  name: string;
  title: string;
  filter: { value: string; onChange: (value: string) => void; placeholder: string; label: string };
  /** Tools between the filter and the count. */
  tools?: ReactNode;
  count: string;
  /** Lines under the toolbar, such as the sort note. */
  notes?: ReactNode;
  list: ListState;
  /** Said when nothing was read at all, and when the filters leave nothing. */
  emptyText: string;
  noMatchText: ReactNode;
  table: ReactNode;
  /** The side panel of the selected row, or null. */
  detail: ReactNode;
}

/**
 * A screen that is one long table: the toolbar, the table filling the height below it (it scrolls,
 * its header stays), and the detail of the selected row beside it.
 */
export function TableScreen({ name, title, filter, tools, count, notes, list, emptyText, noMatchText, table, detail }: Props) {
  return (
    <section
      className={detail ? `screen table-screen ${name} with-detail` : `screen table-screen ${name}`}
      aria-labelledby="screen-title"
      data-testid={`screen-${name}`}
    >
      <ScreenHeader title={title}>
        <input
          type="search"
          className="filter"
          placeholder={filter.placeholder}
          aria-label={filter.label}
          data-testid={`${name}-filter`}
          value={filter.value}
          onChange={(e) => filter.onChange(e.target.value)}
        />
        {tools}
        <span className="count" data-testid={`${name}-count`}>
          {count}
        </span>
      </ScreenHeader>
      {notes}
      <div className="table-screen-body">
        {list.error && list.loaded === null ? (
          <p className="form-error">
            The {name} could not be read: {list.error}
          </p>
        ) : list.loaded === null ? (
          <p className="muted empty">Reading the {name}…</p>
        ) : list.loaded === 0 ? (
          <p className="muted empty" data-testid={`${name}-empty`}>
            {emptyText}
          </p>
        ) : list.shown === 0 ? (
          <p className="muted empty">{noMatchText}</p>
        ) : (
          table
        )}
        {detail}
      </div>
    </section>
  );
}
