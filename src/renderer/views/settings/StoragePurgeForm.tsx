import { useState } from 'react';
import type { z } from 'zod';
import type { MethodOutput } from '../../../shared/contract';
import { PointKind } from '../../../shared/contract/schemas/points';
import { storageSeries, type StorageSeries } from '../../../shared/contract/schemas/storage';
import { useClient } from '../../api/connection-context';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { describePurge, parseDays, purgeRequest, selectionText, seriesText, type PurgeChoice } from './storage-purge-request';
import { errorText } from '../../../shared/errors';

type Kind = z.infer<typeof PointKind>;
type PurgeResult = MethodOutput<'storage.purge'>;

const toggle = <T,>(list: T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

type Step = { at: 'edit' } | { at: 'confirm'; choice: PurgeChoice; now: number } | { at: 'running' } | { at: 'done'; result: PurgeResult };

function Result({ result }: { result: PurgeResult }) {
  const d = result.deletedRows;
  const freed = result.bytesBefore - result.bytesAfter;
  return (
    <div className="storage-result" data-testid="storage-purge-result" role="status">
      <p>
        Deleted {formatCount(d.raw)} raw samples, {formatCount(d['1m'])} 1-minute and {formatCount(d['1h'])} 1-hour rollup rows of {formatCount(result.points)} {result.points === 1 ? 'point' : 'points'} in{' '}
        {(result.durationMs / 1000).toFixed(1)} s.
      </p>
      <p data-testid="storage-purge-freed">
        Database with its log: {formatBytes(result.bytesBefore)} → {formatBytes(result.bytesAfter)}
        {freed > 0 ? `, ${formatBytes(freed)} given back to the disk` : ', no space given back'}
        {result.vacuum === 'full' ? ' (full VACUUM).' : result.vacuum === 'incremental' ? ' (incremental vacuum).' : '.'}
      </p>
      {result.warning && <p className="tone-text-uncertain">{result.warning}</p>}
    </div>
  );
}

/**
 * Deletes history for good: the choice is put in words and must be confirmed, then the result says
 * what was deleted and how much space the file gave back. Points and devices come from the
 * selections in the usage tables above.
 */
export function StoragePurgeForm(props: {
  devices: { id: number; key: string }[];
  points: { id: number; key: string }[];
  fullVacuumNeeded: boolean;
  onPurged: () => void;
}) {
  const client = useClient();
  const [days, setDays] = useState('');
  const [series, setSeries] = useState<StorageSeries[]>([...storageSeries]);
  const [kinds, setKinds] = useState<Kind[]>([]);
  const [step, setStep] = useState<Step>({ at: 'edit' });
  const [error, setError] = useState<string | null>(null);
  const parsed = parseDays(days);

  const review = () => {
    if (!parsed.ok || series.length === 0) return;
    setError(null);
    setStep({ at: 'confirm', choice: { olderThanDays: parsed.days, series, kinds, devices: props.devices, points: props.points }, now: Date.now() });
  };

  const purge = (choice: PurgeChoice, now: number) => {
    setStep({ at: 'running' });
    client
      .call('storage.purge', purgeRequest(choice, now))
      .then((result) => {
        setStep({ at: 'done', result });
        props.onPurged();
      })
      .catch((err: unknown) => {
        setError(errorText(err));
        setStep({ at: 'edit' });
      });
  };

  const editing = step.at === 'edit' || step.at === 'done';
  return (
    <div className="storage-purge" data-testid="storage-purge">
      <h3>Purge history</h3>
      <div className="storage-purge-fields">
        <label>
          Older than{' '}
          <input
            type="text"
            inputMode="decimal"
            size={6}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            placeholder="any age"
            aria-invalid={!parsed.ok}
            disabled={!editing}
            data-testid="storage-purge-days"
          />{' '}
          days
        </label>
        <fieldset disabled={!editing}>
          <legend>Series</legend>
          {storageSeries.map((s) => (
            <label key={s}>
              <input type="checkbox" checked={series.includes(s)} onChange={() => setSeries((l) => toggle(l, s))} data-testid={`storage-purge-series-${s}`} />{' '}
              {seriesText[s]}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={!editing}>
          <legend>Point kinds (none ticked: all)</legend>
          {PointKind.options.map((k) => (
            <label key={k}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={() => setKinds((l) => toggle(l, k))} data-testid={`storage-purge-kind-${k}`} /> {k}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="hint" data-testid="storage-purge-scope">
        {selectionText(props.points.length, props.devices.length)}
      </p>
      {!parsed.ok && <p className="form-error">Older than: {parsed.error}</p>}
      {series.length === 0 && <p className="form-error">Tick at least one series.</p>}
      {error && (
        <p className="form-error" data-testid="storage-purge-error">
          {error}
        </p>
      )}
      {editing && (
        <button type="button" className="danger" onClick={review} disabled={!parsed.ok || series.length === 0} data-testid="storage-purge-review">
          Review purge…
        </button>
      )}
      {step.at === 'confirm' && (
        <div className="storage-confirm" role="alertdialog" aria-labelledby="storage-purge-what">
          <p id="storage-purge-what" data-testid="storage-purge-summary">
            {describePurge(step.choice, step.now, formatDateTime)}
          </p>
          {props.fullVacuumNeeded && (
            <p className="tone-text-uncertain">
              This file was made before auto-vacuum was on: giving the space back rebuilds it once with a full VACUUM, which takes a while and pauses
              ingest meanwhile.
            </p>
          )}
          <div className="storage-confirm-actions">
            <button type="button" className="danger" onClick={() => purge(step.choice, step.now)} data-testid="storage-purge-confirm">
              Delete permanently
            </button>
            <button type="button" onClick={() => setStep({ at: 'edit' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {step.at === 'running' && (
        <p className="muted" role="status">
          Deleting in small steps and giving the space back…
        </p>
      )}
      {step.at === 'done' && <Result result={step.result} />}
    </div>
  );
}
