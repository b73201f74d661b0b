import './dead-letters.css';
import { useEffect, useMemo, useState } from 'react';
import { DEAD_LETTER_RAW_BYTES, deadLetterText, type DeadLetter, type DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import type { MethodOutput } from '../../../shared/contract';
import { useClient } from '../../api/connection-context';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { useHealth } from '../../state/site-data';
import { base64Bytes, showBytes } from './dead-letter-bytes';
import { errorText } from '../../../shared/errors';

type DeadLetters = MethodOutput<'ingest.deadLetters'>;

const PAGE = 50;

function RawBytes({ entry }: { entry: DeadLetter }) {
  const bytes = useMemo(() => base64Bytes(entry.raw), [entry.raw]);
  const cut = entry.size > bytes.length;
  const shown = useMemo(() => showBytes(bytes, cut), [bytes, cut]);
  return (
    <div className="dead-letter-raw">
      <p className="hint">
        {shown.kind === 'text' ? 'Payload as text' : 'Payload in hex (not printable text)'}
        {cut ? `: the first ${formatCount(bytes.length)} of ${formatCount(entry.size)} bytes` : `: ${formatCount(entry.size)} bytes`}
      </p>
      {entry.size === 0 ? (
        <p className="muted">(empty payload)</p>
      ) : (
        <pre className="mono" data-testid="dead-letter-raw" data-kind={shown.kind}>
          {shown.text}
        </pre>
      )}
    </div>
  );
}

function Entry({ entry }: { entry: DeadLetter }) {
  return (
    <li data-testid="dead-letter-row" data-id={entry.id} data-reason={entry.reason}>
      <details>
        <summary>
          <span className="dead-letter-time">{formatDateTime(entry.at)}</span>
          <span className="badge subtle">{entry.reason}</span>
          <span className="mono dead-letter-topic" title={entry.topic}>
            {entry.topic}
          </span>
          <span className="muted">
            {entry.linkId} · {formatBytes(entry.size)}
          </span>
        </summary>
        <p className="dead-letter-message">{entry.message}</p>
        <RawBytes entry={entry} />
      </details>
    </li>
  );
}

function Counts({ data, reason, choose }: { data: DeadLetters; reason: DeadLetterReason | null; choose: (r: DeadLetterReason | null) => void }) {
  return (
    <table className="grid-table dead-letter-counts" data-testid="dead-letter-counts">
      <thead>
        <tr>
          <th scope="col">Reason</th>
          <th scope="col">Since start</th>
          <th scope="col">Kept</th>
        </tr>
      </thead>
      <tbody>
        {data.counts.map((c) => (
          <tr key={c.reason} data-reason={c.reason} aria-selected={c.reason === reason}>
            <td>
              <button type="button" className="link-button" onClick={() => choose(c.reason === reason ? null : c.reason)} title="Show only these">
                {deadLetterText[c.reason]}
              </button>{' '}
              <span className="mono muted">{c.reason}</span>
            </td>
            <td>{formatCount(c.sinceStart)}</td>
            <td>{formatCount(c.inTable)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Settings → refused messages: counts per reason and the latest dead letters with their topic, link,
 * time and raw bytes. Refreshed when the health report says more were refused, unless older pages are open.
 */
export function DeadLettersSection() {
  const client = useClient();
  const { health } = useHealth();
  const refused = health ? Object.values(health.ingest.deadLettered).reduce((a, b) => a + b, 0) : 0;
  const [reason, setReason] = useState<DeadLetterReason | null>(null);
  const [data, setData] = useState<DeadLetters | null>(null);
  const [older, setOlder] = useState<DeadLetter[]>([]);
  const [olderMore, setOlderMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const paged = older.length > 0;

  useEffect(() => {
    if (paged) return;
    let live = true;
    client
      .call('ingest.deadLetters', { limit: PAGE, ...(reason !== null ? { reason } : {}) })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [client, reason, refused, paged]);

  const entries = data ? [...data.entries, ...older] : [];
  const more = paged ? olderMore : (data?.more ?? false);

  const loadOlder = () => {
    const last = entries.at(-1);
    if (!last) return;
    client
      .call('ingest.deadLetters', { limit: PAGE, before: last.id, ...(reason !== null ? { reason } : {}) })
      .then((d) => {
        setOlder((o) => [...o, ...d.entries]);
        setOlderMore(d.more);
      })
      .catch((err: unknown) => setError(errorText(err)));
  };

  const choose = (r: DeadLetterReason | null) => {
    setOlder([]);
    setReason(r);
  };

  return (
    <section className="panel settings-wide" aria-labelledby="settings-dead-letters" data-testid="dead-letters">
      <h2 id="settings-dead-letters">Refused messages</h2>
      <p className="hint">
        Messages the ingest could not use, kept with their raw bytes (up to {formatBytes(DEAD_LETTER_RAW_BYTES)} each) in a table of at most{' '}
        {formatCount(data?.capacity ?? 0)} rows; the oldest make room.
      </p>
      {error && <p className="form-error">{error}</p>}
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="dead-letters">
          <div>
            {data.counts.length === 0 ? <p className="muted">No message has been refused.</p> : <Counts data={data} reason={reason} choose={choose} />}
            {data.unrecorded > 0 && (
              <p className="hint" data-testid="dead-letters-unrecorded">
                {formatCount(data.unrecorded)} more were counted but not kept: they came faster than the table is written.
              </p>
            )}
          </div>
          <div>
            <div className="dead-letter-toolbar">
              <h3>{reason === null ? 'Latest' : `Latest: ${deadLetterText[reason]}`}</h3>
              {reason !== null && (
                <button type="button" onClick={() => choose(null)}>
                  All reasons
                </button>
              )}
              {paged && (
                <button type="button" onClick={() => setOlder([])}>
                  Back to the newest
                </button>
              )}
            </div>
            {entries.length === 0 ? (
              <p className="muted">None kept.</p>
            ) : (
              <ul className="dead-letter-list">
                {entries.map((e) => (
                  <Entry key={e.id} entry={e} />
                ))}
              </ul>
            )}
            {more && (
              <button type="button" onClick={loadOlder} data-testid="dead-letters-older">
                Older
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
