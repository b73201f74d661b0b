import type { QualitySummary } from '../../../shared/contract/schemas/devices';
import { qualityReasons } from '../../../shared/quality';
import { AgeText } from '../../components/Age';
import { DetailPanel } from '../../components/DetailPanel';
import { QualityBadge } from '../../components/QualityBadge';
import { SpaceFact } from '../../components/SpaceName';
import { formatCount, formatNumber, formatValue, valueSize } from '../../lib/format';
import { navigate } from '../../navigation/navigation';
import { routeHref } from '../../navigation/routes';
import type { SpaceIndex } from '../../state/space-names';
import { useLiveValue } from '../../state/use-live-value';
import { showPointsOf } from '../points/show-points-of';
import { describeHeartbeat, describeLimits, goodShare, lowBattery, type DeviceItem } from './devices-model';
import { QualityCell, StateText } from './DeviceRow';
import { useDeviceDetail, type DeviceDetailData } from './use-devices';

type PointEntry = DeviceDetailData['points'][number];

/** Good, uncertain and bad as a bar, with the reasons in words, most frequent first. */
function QualityBar({ q }: { q: QualitySummary }) {
  const n = q.good + q.uncertain + q.bad;
  if (n === 0) return <p className="muted">No samples in the last hour.</p>;
  const pct = (v: number): string => `${(v / n) * 100}%`;
  return (
    <div className="q-summary" data-testid="device-quality-summary">
      <div className="q-bar" role="img" aria-label={`${q.good} good, ${q.uncertain} uncertain, ${q.bad} bad samples in the last hour`}>
        <span className="q-good" style={{ width: pct(q.good) }} />
        <span className="q-uncertain" style={{ width: pct(q.uncertain) }} />
        <span className="q-bad" style={{ width: pct(q.bad) }} />
      </div>
      <p className="q-counts">
        <span className="tone-text-good">{formatCount(q.good)} good</span> ·{' '}
        <span className="tone-text-uncertain">{formatCount(q.uncertain)} uncertain</span> ·{' '}
        <span className="tone-text-bad">{formatCount(q.bad)} bad</span> samples in the last hour
      </p>
      {q.reasons.length > 0 && (
        <ul className="reasons" data-testid="device-quality-reasons">
          {q.reasons.map((r) => (
            <li key={r.reason} className={`tone-text-${qualityReasons[r.reason].level}`}>
              {qualityReasons[r.reason].text}: {formatCount(r.count)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PointRow({ entry }: { entry: PointEntry }) {
  const live = useLiveValue(entry.point.id);
  const value = live ?? entry.latest;
  const share = goodShare(entry.quality);
  const top = entry.quality.reasons[0];
  const text = value ? formatValue(value.value) : '—';
  return (
    <tr
      className="device-point-row"
      data-testid="device-point-row"
      data-point-id={entry.point.id}
      tabIndex={0}
      onClick={() => navigate('points', entry.point.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') navigate('points', entry.point.id);
      }}
      title="Open the point, with its history"
    >
      <td>
        <span className="row-name">{entry.point.name}</span>
        <span className="row-key" title={entry.override ? 'The point has limits of its own' : 'The limits in force'}>
          {entry.point.kind} · {describeLimits(entry.limits, entry.point.unit)}
          {entry.override && ' (own limits)'}
        </span>
      </td>
      <td className={`dc-num dp-value size-${valueSize(text)}`} data-testid="device-point-value">
        {text}
        {entry.point.unit && <span className="unit">{entry.point.unit}</span>}
      </td>
      <td className="dp-quality" data-testid="device-point-quality">
        <QualityBadge code={value?.quality} />
      </td>
      <td className="dp-hour">
        {share === null ? '—' : `${Math.floor(share * 100)} % good`}
        {top && <span className="row-key">{qualityReasons[top.reason].text}</span>}
      </td>
    </tr>
  );
}

/** One device: is it up, and if not why, how it reports, and its points with their quality. */
export function DeviceDetail({ device, spaces, onClose }: { device: DeviceItem; spaces: SpaceIndex | null; onClose: () => void }) {
  const detail = useDeviceDetail(device.id);
  const profile = detail.status === 'ok' ? detail.data.profile : null;
  // The list and the detail are updated by the same event, one after the other: show the fresher of the two.
  const d = detail.status === 'ok' && detail.data.device.lastSeen !== null && (device.lastSeen ?? 0) < detail.data.device.lastSeen ? detail.data.device : device;

  return (
    <DetailPanel name="device" title={d.name} subtitle={d.key} closeTestId="device-detail-close" onClose={onClose} data-device-id={d.id}>
      <div className="device-now" data-testid="device-detail-state" data-online={d.online}>
        <StateText device={d} />
        <span className="muted">
          since <AgeText ts={d.since} />
        </span>
      </div>
      <p className={d.online ? 'device-why' : 'device-why offline'} data-testid="device-why">
        {d.reasonText}
      </p>

      <dl className="facts device-facts">
        <dt>Last seen</dt>
        <dd data-testid="device-detail-last-seen">
          <AgeText ts={d.lastSeen} />
        </dd>
        <dt>Messages</dt>
        <dd>{formatNumber(d.ratePerMin)} per minute over the last minute</dd>
        <dt>Reports</dt>
        <dd>{describeHeartbeat(d.expectedIntervalS, profile?.heartbeatMissed ?? 3, d.profile === null)}</dd>
        <dt>Profile</dt>
        <dd data-testid="device-detail-profile">
          {profile ? (
            <>
              {profile.name}
              <span className="badge subtle">{d.profileSource}</span>
            </>
          ) : (
            <span className="muted">none matches its points</span>
          )}
        </dd>
        <dt>Space</dt>
        <dd>
          <SpaceFact index={spaces} spaceId={d.spaceId} />
        </dd>
        {d.battery && (
          <>
            <dt>Battery</dt>
            <dd data-testid="device-detail-battery" className={lowBattery(d) ? 'tone-text-uncertain' : undefined}>
              {formatNumber(d.battery.value)} {d.battery.unit ?? ''}
            </dd>
          </>
        )}
        {d.signal && (
          <>
            <dt>Signal</dt>
            <dd data-testid="device-detail-signal">
              {formatNumber(d.signal.value)} {d.signal.unit ?? ''}
            </dd>
          </>
        )}
        <dt>Quality now</dt>
        <dd>
          <QualityCell device={d} />
        </dd>
      </dl>

      <h3>Quality of its samples</h3>
      <QualityBar q={d.quality} />

      <h3>
        Points{' '}
        <a href={routeHref('points')} onClick={() => showPointsOf(d.key)} className="subtle-link" data-testid="device-open-points">
          show on the Points screen
        </a>
      </h3>
      {detail.status === 'error' ? (
        <p className="form-error">The device could not be read: {detail.message}</p>
      ) : detail.status === 'loading' ? (
        <p className="muted">Reading its points…</p>
      ) : detail.data.points.length === 0 ? (
        <p className="muted">No points: it has only announced itself so far.</p>
      ) : (
        <table className="grid-table device-points" data-testid="device-points">
          <thead>
            <tr>
              <th scope="col">Point</th>
              <th scope="col" className="dc-num">
                Value
              </th>
              <th scope="col">Quality</th>
              <th scope="col">Last hour</th>
            </tr>
          </thead>
          <tbody>
            {detail.data.points.map((p) => (
              <PointRow key={p.point.id} entry={p} />
            ))}
          </tbody>
        </table>
      )}
    </DetailPanel>
  );
}
