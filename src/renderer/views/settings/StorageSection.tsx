import './storage.css';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { PointKind } from '../../../shared/contract/schemas/points';
import { storageSeries, type StorageSortKey } from '../../../shared/contract/schemas/storage';
import type { z } from 'zod';
import { useQuery } from '../../api/use-query';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { StoragePurgeForm } from './StoragePurgeForm';
import { seriesText } from './storage-purge-request';

type Usage = MethodOutput<'storage.usage'>;
type SortKey = z.infer<typeof StorageSortKey>;
type Row = { id: number; key: string | null; rows: Usage['topPoints'][number]['rows']; bytes: number; detail: string };

const TOP = 15;
const sortKeys: { key: SortKey; label: string }[] = [
  { key: 'bytes', label: 'Bytes' },
  { key: 'rows', label: 'Rows' },
  { key: 'raw', label: 'Raw' },
  { key: '1m', label: '1 min' },
  { key: '1h', label: '1 h' },
];
const daysText = (d: number): string => (d % 365 === 0 ? `${d / 365} y` : `${d} d`);

function FileFacts({ usage }: { usage: Usage }) {
  const f = usage.file;
  const s = usage.samples;
  return (
    <dl className="facts" data-testid="storage-file">
      <dt>Database file</dt>
      <dd data-testid="storage-db-bytes">{formatBytes(f.dbBytes)}</dd>
      <dt>Write-ahead log</dt>
      <dd data-testid="storage-wal-bytes">{formatBytes(f.walBytes)}</dd>
      <dt>Free inside the file</dt>
      <dd>
        {formatBytes(f.freePages * f.pageSize)} ({formatCount(f.freePages)} pages)
      </dd>
      <dt>Auto-vacuum</dt>
      <dd data-testid="storage-auto-vacuum" className={f.autoVacuum === 'none' ? 'tone-text-uncertain' : undefined}>
        {f.autoVacuum === 'incremental' ? 'incremental: deletes give space back' : f.autoVacuum === 'full' ? 'full' : 'off: the next purge rebuilds the file once'}
      </dd>
      <dt>Samples</dt>
      <dd data-testid="storage-sample-rows">
        {formatCount(s.rows)} raw, {s.bytesPerSample.toFixed(1)} B each ({s.bytesPerSampleAllSeries.toFixed(1)} B with rollups)
      </dd>
      <dt>Oldest / newest</dt>
      <dd>{s.oldest === null || s.newest === null ? '—' : `${formatDateTime(s.oldest)} / ${formatDateTime(s.newest)}`}</dd>
      <dt>Points with history</dt>
      <dd>{formatCount(usage.pointsWithData)}</dd>
    </dl>
  );
}

function SeriesTable({ usage }: { usage: Usage }) {
  return (
    <table className="grid-table storage-table" data-testid="storage-series">
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col" className="num">
            Per row
          </th>
        </tr>
      </thead>
      <tbody>
        {usage.series.map((s) => (
          <tr key={s.series} data-series={s.series}>
            <th scope="row">{seriesText[s.series]}</th>
            <td className="num">{formatCount(s.rows)}</td>
            <td className="num">{formatBytes(s.bytes)}</td>
            <td className="num">{s.bytesPerRow.toFixed(1)} B</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How long each kind of point keeps each series (from the configuration file). */
function RetentionTable({ usage }: { usage: Usage }) {
  return (
    <table className="grid-table storage-table" data-testid="storage-retention">
      <thead>
        <tr>
          <th scope="col">Kept for</th>
          {storageSeries.map((s) => (
            <th scope="col" className="num" key={s}>
              {s === 'raw' ? 'raw' : s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {PointKind.options.map((k) => (
          <tr key={k}>
            <th scope="row">{k} points</th>
            {storageSeries.map((s) => (
              <td className="num" key={s} data-testid={`storage-retention-${k}-${s}`}>
                {daysText(usage.retention[k][s])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TopTable(props: { title: string; testId: string; rows: Row[]; total: number; ticked: Set<number>; tick: (row: Row) => void }) {
  return (
    <div>
      <h3>{props.title}</h3>
      {props.rows.length === 0 ? (
        <p className="muted">No history stored yet.</p>
      ) : (
        <table className="grid-table storage-table" data-testid={props.testId}>
          <thead>
            <tr>
              <th scope="col" className="tick">
                <span className="storage-hidden">Purge</span>
              </th>
              <th scope="col">Name</th>
              {storageSeries.map((s) => (
                <th scope="col" className="num" key={s}>
                  {s === 'raw' ? 'Raw' : s}
                </th>
              ))}
              <th scope="col" className="num size">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.id} data-id={r.id} aria-selected={props.ticked.has(r.id)}>
                <td>
                  <input type="checkbox" checked={props.ticked.has(r.id)} onChange={() => props.tick(r)} aria-label={`Purge ${r.key ?? r.id}`} />
                </td>
                <td>
                  <div className="storage-name">
                    <span className="mono" title={r.key ?? undefined}>
                      {r.key ?? `point #${r.id} (removed)`}
                    </span>
                    <span className="muted">{r.detail}</span>
                  </div>
                </td>
                {storageSeries.map((s) => (
                  <td className="num" key={s}>
                    {formatCount(r.rows[s])}
                  </td>
                ))}
                <td className="num">
                  {formatBytes(r.bytes)}
                  <span className="storage-bar" style={{ width: `${props.total > 0 ? Math.max(1, (100 * r.bytes) / props.total) : 0}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/**
 * Settings → storage: how big the database is, which series, points and devices take the space,
 * how long each kind of point keeps each series, and a purge that gives the space back.
 */
export function StorageSection() {
  const [sortBy, setSortBy] = useState<SortKey>('bytes');
  const query = useQuery('storage.usage', { top: TOP, sortBy }, { refreshOn: ['storage.changed'] });
  const usage = query.data;
  const error = query.error;
  const [points, setPoints] = useState<Map<number, string>>(new Map());
  const [devices, setDevices] = useState<Map<number, string>>(new Map());

  const tick = (set: typeof setPoints) => (r: Row) =>
    set((m) => {
      const next = new Map(m);
      if (next.has(r.id)) next.delete(r.id);
      else next.set(r.id, r.key ?? `#${r.id}`);
      return next;
    });
  const asList = (m: Map<number, string>) => [...m].map(([id, key]) => ({ id, key }));
  const total = usage ? usage.series.reduce((n, s) => n + s.bytes, 0) : 0;

  return (
    <section className="panel storage-section" aria-labelledby="settings-storage" data-testid="storage">
      <div className="storage-head">
        <h2 id="settings-storage">Storage</h2>
        <div className="segmented" role="group" aria-label="Rank points and devices by">
          {sortKeys.map((s) => (
            <button key={s.key} type="button" aria-pressed={sortBy === s.key} onClick={() => setSortBy(s.key)} data-testid={`storage-sort-${s.key}`}>
              {s.label}
            </button>
          ))}
        </div>
      </div>
      {error && <p className="form-error">{error}</p>}
      {!usage ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {!usage.countsExact && <p className="notice">Row counts are being rebuilt after an unclean shutdown; they are close, not exact, until it ends.</p>}
          <div className="storage-overview">
            <FileFacts usage={usage} />
            <div>
              <SeriesTable usage={usage} />
              <p className="hint">
                Sizes {usage.tableBytesMethod === 'dbstat' ? 'measured page by page (dbstat)' : 'estimated from rows and the last measured bytes per row'}.
              </p>
            </div>
            <div>
              <RetentionTable usage={usage} />
              <p className="hint" data-testid="storage-last-sweep">
                Set in the configuration file (<span className="mono">storage.retention</span>).{' '}
                {usage.lastSweep
                  ? `Last sweep ${formatDateTime(usage.lastSweep.at)}: ${formatCount(usage.lastSweep.deletedRows.raw + usage.lastSweep.deletedRows['1m'] + usage.lastSweep.deletedRows['1h'])} rows deleted in ${(usage.lastSweep.durationMs / 1000).toFixed(1)} s.`
                  : 'No retention sweep since the core started.'}
              </p>
            </div>
          </div>
          <div className="storage-top">
            <TopTable
              title="Points taking the most space"
              testId="storage-top-points"
              rows={usage.topPoints.map((p) => ({ ...p, detail: p.kind ?? '' }))}
              total={total}
              ticked={new Set(points.keys())}
              tick={tick(setPoints)}
            />
            <TopTable
              title="Devices taking the most space"
              testId="storage-top-devices"
              rows={usage.topDevices.map((d) => ({ ...d, detail: `${d.points} points` }))}
              total={total}
              ticked={new Set(devices.keys())}
              tick={tick(setDevices)}
            />
          </div>
          <StoragePurgeForm
            points={asList(points)}
            devices={asList(devices)}
            fullVacuumNeeded={usage.file.autoVacuum === 'none'}
            onPurged={query.refresh}
          />
        </>
      )}
    </section>
  );
}
