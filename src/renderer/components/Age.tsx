import { formatAge, formatDateTime } from '../lib/format';
import { useClockDerived } from '../state/clock';

/** "4 min ago", kept current by the shared clock, with the exact time as the hover text. */
function useAge(ts: number | null, never: string): { text: string; title: string | undefined } {
  const text = useClockDerived((now) => (ts === null ? never : formatAge(now - ts)));
  return { text, title: ts === null ? undefined : formatDateTime(ts) };
}

export function AgeText({ ts, never = 'never' }: { ts: number | null; never?: string }) {
  const age = useAge(ts, never);
  return <span title={age.title}>{age.text}</span>;
}

/** A table cell with the age of `ts`, or `never` when there is none. */
export function AgeCell({ ts, never, className, testId }: { ts: number | null; never: string; className: string; testId: string }) {
  const age = useAge(ts, never);
  return (
    <td className={className} data-testid={testId} title={age.title}>
      {age.text}
    </td>
  );
}
