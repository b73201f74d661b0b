import type { Health } from '../../shared/contract/schemas/system';
import { useConnection, useWireState } from '../api/connection-context';
import { linkTone } from '../components/link-tone';
import { StateDot } from '../components/StateDot';
import { formatAge, formatBytes, formatDuration, formatRate } from '../lib/format';
import { useNow } from '../state/clock';
import { useHealth } from '../state/site-data';
import { describeConnection } from '../api/connection-text';
import { linkLossWarning } from '../../shared/link-loss';

type Link = Health['brokers'][number];


/** Health is pushed every second; older than this and the figures are marked as stale. */
const STALE_MS = 5000;

function BrokerItem({ link }: { link: Link }) {
  const detail = link.state === 'up' ? null : link.lastError;
  const loss = linkLossWarning(link);
  const lost = (link.droppedByBroker ?? 0) + link.sequenceGaps;
  return (
    <li
      className="status-item broker health"
      data-testid="status-broker"
      data-broker-id={link.id}
      data-state={link.state}
      title={[`${link.name} at ${link.url}`, link.lastError, loss].filter(Boolean).join(': ')}
    >
      <StateDot tone={linkTone[link.state]} />
      <span className="status-label">{link.name}</span>
      <span className={`status-value tone-text-${linkTone[link.state]}`}>{link.state}</span>
      {detail && <span className="status-detail">{detail}</span>}
      {loss && (
        <span className="status-detail tone-text-alarm" data-testid="status-broker-lost">
          {lost.toLocaleString('en')} lost at broker
        </span>
      )}
    </li>
  );
}

export function StatusBar() {
  const { connection } = useConnection();
  const wire = useWireState();
  const { health, receivedAt } = useHealth();
  const now = useNow();
  const conn = describeConnection(wire, connection.transport, now);
  const stale = health !== null && (wire.status !== 'open' || now - receivedAt > STALE_MS);

  return (
    <footer className="status-bar" aria-label="System status">
      <ul className={stale ? 'status-list stale' : 'status-list'}>
        <li className="status-item" data-testid="status-connection" data-state={wire.status} title={conn.detail ?? undefined}>
          <StateDot tone={conn.tone} />
          <span className="status-label">Console</span>
          <span className="status-value">{conn.text}</span>
        </li>
        {health === null ? (
          <li className="status-item muted">Waiting for the core's health report…</li>
        ) : (
          <>
            {health.brokers.length === 0 && <li className="status-item muted">No broker links configured</li>}
            {health.brokers.map((b) => (
              <BrokerItem key={b.id} link={b} />
            ))}
            <li className="status-item health" data-testid="status-ingest-rate">
              <span className="status-label">Ingest</span>
              <span className="status-value">{formatRate(health.ingest.ratePerS)}</span>
            </li>
            <li className="status-item health" data-testid="status-db-size">
              <span className="status-label">Database</span>
              <span className="status-value">{formatBytes(health.db.sizeBytes)}</span>
            </li>
            <li className="status-item health" data-testid="status-uptime">
              <span className="status-label">Uptime</span>
              <span className="status-value">{formatDuration(health.uptimeS)}</span>
            </li>
            {stale && (
              <li className="status-item" data-testid="status-stale">
                <StateDot tone="uncertain" />
                <span className="status-value tone-text-uncertain">figures from {formatAge(now - receivedAt)}</span>
              </li>
            )}
            <li className="status-item site" data-testid="status-site">
              <span className="status-value">{health.site}</span>
              {health.demo && (
                <span className="badge" data-testid="status-demo" title="Simulated building on the embedded broker">
                  demo
                </span>
              )}
            </li>
          </>
        )}
      </ul>
    </footer>
  );
}
