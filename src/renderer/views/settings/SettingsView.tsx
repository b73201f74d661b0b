import './settings.css';
import { deadLetterText, type DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import { useConnection, useWireState } from '../../api/connection-context';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StateDot } from '../../components/StateDot';
import { formatAge, formatDateTime } from '../../lib/format';
import { describeConnection } from '../../shell/connection-text';
import { linkTone } from '../../shell/StatusBar';
import { useNow } from '../../state/clock';
import { useHealth } from '../../state/site-data';

const reasonText = (reason: string): string => deadLetterText[reason as DeadLetterReason] ?? reason;

function ConnectionSection() {
  const { connection, forgetToken } = useConnection();
  const wire = useWireState();
  const now = useNow();
  const conn = describeConnection(wire, connection.transport, now);
  return (
    <section className="panel" aria-labelledby="settings-connection">
      <h2 id="settings-connection">Connection</h2>
      <dl className="facts">
        <dt>Transport</dt>
        <dd data-testid="settings-transport">{connection.transport === 'ipc' ? 'Electron IPC (desktop app)' : 'WebSocket (JSON-RPC 2.0)'}</dd>
        <dt>Server</dt>
        <dd data-testid="settings-server-url">{connection.serverUrl ?? 'this computer (the core runs inside the desktop app)'}</dd>
        <dt>State</dt>
        <dd>
          <StateDot tone={conn.tone} /> {conn.detail ?? conn.text}
        </dd>
      </dl>
      {forgetToken && (
        <div className="action-row">
          <button type="button" className="danger" onClick={forgetToken} data-testid="forget-token">
            Forget token
          </button>
          <p className="hint">Removes the access token from this browser and disconnects; the token prompt asks for it again.</p>
        </div>
      )}
    </section>
  );
}

function BrokersSection() {
  const { health } = useHealth();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="settings-brokers">
      <h2 id="settings-brokers">Broker links</h2>
      <p className="hint">Read-only for now: adding and editing brokers comes later. Links are set in the configuration file.</p>
      {!health ? (
        <p className="muted">Waiting for the core’s health report…</p>
      ) : health.brokers.length === 0 ? (
        <p className="muted">No broker links are configured.</p>
      ) : (
        <table className="grid-table" data-testid="settings-brokers">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {health.brokers.map((b) => (
              <tr key={b.id} data-broker-id={b.id}>
                <td>
                  {b.name}
                  {b.embedded && <span className="badge subtle">embedded</span>}
                </td>
                <td className="mono">{b.url}</td>
                <td>
                  <StateDot tone={linkTone[b.state]} /> {b.state}
                </td>
                <td title={formatDateTime(b.since)}>{formatAge(now - b.since)}</td>
                <td>{b.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function IngestSection() {
  const { health } = useHealth();
  if (!health) return null;
  const { ingest } = health;
  const dead = Object.entries(ingest.deadLettered).filter(([, n]) => n > 0);
  return (
    <section className="panel" aria-labelledby="settings-ingest">
      <h2 id="settings-ingest">Ingest and storage</h2>
      <dl className="facts">
        <dt>Messages received</dt>
        <dd>{ingest.received.toLocaleString('en-GB')}</dd>
        <dt>Samples stored</dt>
        <dd>{ingest.stored.toLocaleString('en-GB')}</dd>
        <dt>Waiting to be written</dt>
        <dd>{ingest.queued.toLocaleString('en-GB')}</dd>
        <dt>Dropped (queue full)</dt>
        <dd>{ingest.dropped.toLocaleString('en-GB')}</dd>
        <dt>Devices / points</dt>
        <dd>
          {health.db.devices.toLocaleString('en-GB')} / {health.db.points.toLocaleString('en-GB')}
        </dd>
        <dt>Core version</dt>
        <dd>
          {health.version}, running since {formatDateTime(health.startedAt)}
        </dd>
      </dl>
      <h3>Refused messages</h3>
      {dead.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="plain-list">
          {dead.map(([reason, n]) => (
            <li key={reason}>
              {n.toLocaleString('en-GB')} × {reasonText(reason)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SettingsView() {
  return (
    <section className="screen settings" aria-labelledby="screen-title" data-testid="screen-settings">
      <ScreenHeader title="Settings" />
      <div className="settings-grid">
        <ConnectionSection />
        <IngestSection />
        <BrokersSection />
      </div>
    </section>
  );
}
