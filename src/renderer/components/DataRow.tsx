import type { ComponentPropsWithoutRef, KeyboardEvent } from 'react';

type Props = Omit<ComponentPropsWithoutRef<'tr'>, 'className' | 'onClick' | 'onKeyDown' | 'tabIndex' | 'aria-rowindex' | 'aria-current'> & {
  className: string;
  /** Position in the whole table (1 is the header row), as only part of it is rendered. */
  rowIndex: number;
  selected: boolean;
  onSelect: () => void;
};

/** Moves the focus to the next or previous row that takes it (group headings and spacers do not). */
function focusSibling(row: HTMLTableRowElement, step: 1 | -1): void {
  const rows = [...(row.parentElement?.querySelectorAll<HTMLTableRowElement>(':scope > tr[tabindex]') ?? [])];
  rows[rows.indexOf(row) + step]?.focus();
}

/** A row of a data table that opens its detail on a click, Enter or Space; the arrow keys move between rows. */
export function DataRow({ rowIndex, selected, onSelect, className, ...rest }: Props) {
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusSibling(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
    }
  };
  return (
    <tr
      {...rest}
      className={selected ? `data-row ${className} selected` : `data-row ${className}`}
      aria-rowindex={rowIndex}
      aria-current={selected ? 'true' : undefined}
      tabIndex={0}
      onClick={onSelect}
      onKeyDown={onKey}
    />
  );
}
