import type { MethodOutput } from '../../../shared/contract';
import type { Point } from '../../../shared/contract/schemas/points';
import { qualityReasons, qualityReasonsOf } from '../../../shared/quality';
import { DetailPanel } from '../../components/DetailPanel';
import { HistoryChart } from '../../components/HistoryChart';
import { QualityBadge } from '../../components/QualityBadge';
import { SpaceFact } from '../../components/SpaceName';
import { formatAge, formatCount, formatDateTime, formatNumber, formatValue, valueSize } from '../../lib/format';
import { useSessionState } from '../../lib/use-session-state';
import { useClockDerived } from '../../state/clock';
import type { SpaceIndex } from '../../state/space-names';
import { useLiveValue } from '../../state/use-live-value';
import { usePointHistory } from '../../state/use-point-history';

type History = MethodOutput<'history.query'>;
type Range = '1h' | '24h';

const ranges: Record<Range, { ms: number; label: string }> = {
  '1h': { ms: 3_600_000, label: 'Last hour' },
  '24h': { ms: 86_400_000, label: 'Last 24 h' },
};
const isRange = (v: unknown): v is Range => v === '1h' || v === '24h';
/** About one bucket per two pixels of a wide panel. */
const MAX_POINTS = 500;

const sourceText: Record<History['source'], string> = {
  raw: 'raw samples',
  '1m': '1-minute rollups',
  '1h': '1-hour rollups',
};

function Summary({ data, unit, binary }: { data: History; unit: string | null; binary: boolean }) {
  if (data.samples.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (const s of data.samples) {
    min = Math.min(min, s.min);
    max = Math.max(max, s.max);
    sum += s.value * s.count;
    n += s.count;
  }
  const u = unit ? ` ${unit}` : '';
  const source = `${formatCount(n)} ${n === 1 ? 'sample' : 'samples'}, from ${sourceText[data.source]}`;
  if (binary) {
    return (
      <p className="chart-summary" data-testid="history-summary">
        on in {Math.round((sum / n) * 100)} % of the samples · {source}
      </p>
    );
  }
  return (
    <p className="chart-summary" data-testid="history-summary">
      min {formatNumber(min)}
      {u} · mean {formatNumber(sum / n)}
      {u} · max {formatNumber(max)}
      {u} · {source}
    </p>
  );
}

export function PointDetail({ point, spaces, onClose }: { point: Point; spaces: SpaceIndex | null; onClose: () => void }) {
  const live = useLiveValue(point.id);
  const [range, setRange] = useSessionState<Range>('arxos.points.range', '1h', isRange);
  const history = usePointHistory(point, ranges[range].ms, MAX_POINTS);
  const age = useClockDerived((now) => (live ? formatAge(now - live.ts) : ''));
  const reasons = live ? qualityReasonsOf(live.quality) : [];
  const value = live ? formatValue(live.value) : '—';

  return (
    <DetailPanel name="point" title={point.name} subtitle={point.key} closeTestId="detail-close" onClose={onClose} data-point-id={point.id}>
      <div className="detail-now">
        <span className={`detail-value size-${valueSize(value)}`} data-testid="detail-value">
          {value}
        </span>
        {point.unit && <span className="detail-unit">{point.unit}</span>}
      </div>
      <div className="detail-meta">
        {live ? (
          <>
            <QualityBadge code={live.quality} />
            <span className="muted" title={formatDateTime(live.ts)}>
              updated {age}
            </span>
          </>
        ) : (
          <span className="muted">No value received yet.</span>
        )}
      </div>
      {reasons.length > 0 && (
        <ul className="reasons" data-testid="detail-quality-reasons">
          {reasons.map((r) => (
            <li key={r} className={`tone-text-${qualityReasons[r].level}`}>
              {qualityReasons[r].text}
            </li>
          ))}
        </ul>
      )}

      <section className="detail-history" aria-label="History">
        <div className="segmented" role="group" aria-label="History period">
          {(Object.keys(ranges) as Range[]).map((r) => (
            <button key={r} type="button" aria-pressed={r === range} onClick={() => setRange(r)} data-testid={`history-range-${r}`}>
              {ranges[r].label}
            </button>
          ))}
        </div>
        {point.valueType === 'string' ? (
          <p className="muted">This point holds text: it has no numeric history to chart.</p>
        ) : history.status === 'error' ? (
          <p className="form-error">History could not be read: {history.message}</p>
        ) : history.status === 'loading' ? (
          <p className="muted chart-placeholder">Reading history…</p>
        ) : (
          <>
            <HistoryChart
              samples={history.data.samples}
              from={history.from}
              to={history.to}
              bucketMs={history.data.bucketMs}
              unit={point.unit}
              binary={point.valueType === 'boolean'}
              label={`${point.name}, ${ranges[range].label.toLowerCase()}`}
            />
            <Summary data={history.data} unit={point.unit} binary={point.valueType === 'boolean'} />
          </>
        )}
      </section>

      <dl className="facts detail-facts">
        <dt>Device</dt>
        <dd className="mono">{point.deviceKey}</dd>
        <dt>Space</dt>
        <dd>
          <SpaceFact index={spaces} spaceId={point.spaceId} />
        </dd>
        <dt>Kind</dt>
        <dd>
          {point.kind}, {point.valueType}
        </dd>
        <dt>Tags</dt>
        <dd>{point.tags.length > 0 ? point.tags.map((t) => <span key={t} className="tag">{t}</span>) : '—'}</dd>
      </dl>
    </DetailPanel>
  );
}
