import { formatClock } from '../lib/format';

/** Says that a column of live figures is ordered as of a moment (see useTableSort), and how to order it anew. */
export function SortNote({ by, at, changing }: { by: string; at: number; changing: string }) {
  return (
    <p className="sort-note">
      Ordered by {by} as of {formatClock(at)}: rows stay put while {changing} change; click the column again to reorder.
    </p>
  );
}
