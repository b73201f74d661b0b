import './settings.css';
import { useConnection, useWireState } from '../../api/connection-context';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StateDot } from '../../components/StateDot';
import { formatCount, formatDateTime } from '../../lib/format';
import { describeConnection } from '../../api/connection-text';
import { useNow } from '../../state/clock';
import { useHealth } from '../../state/site-data';
import { BrokersSection } from './BrokersSection';
import { DeadLettersSection } from './DeadLettersSection';
import { StorageSection } from './StorageSection';


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

function IngestSection() {
  const { health } = useHealth();
  if (!health) return null;
  const { ingest } = health;
  const refused = Object.values(ingest.deadLettered).reduce((a, b) => a + b, 0);
  return (
    <section className="panel" aria-labelledby="settings-ingest">
      <h2 id="settings-ingest">Ingest and storage</h2>
      <dl className="facts">
        <dt>Messages received</dt>
        <dd>{formatCount(ingest.received)}</dd>
        <dt>Samples stored</dt>
        <dd>{formatCount(ingest.stored)}</dd>
        <dt>Waiting to be written</dt>
        <dd>{formatCount(ingest.queued)}</dd>
        <dt title="Messages not taken while the database refused writes: lost at QoS 0, delivered again at QoS 1">Dropped</dt>
        <dd>{formatCount(ingest.dropped)}</dd>
        <dt>Database writes</dt>
        <dd data-testid="settings-store-state" className={ingest.lastError ? 'tone-text-bad' : undefined}>
          {ingest.lastError ?? 'normal'}
          {ingest.commitFailures > 0 && ` (${formatCount(ingest.commitFailures)} failed commits since start)`}
        </dd>
        <dt>Devices / points</dt>
        <dd>
          {formatCount(health.db.devices)} / {formatCount(health.db.points)}
        </dd>
        <dt>Core version</dt>
        <dd>
          {health.version}, running since {formatDateTime(health.startedAt)}
        </dd>
        <dt>Refused</dt>
        <dd>{formatCount(refused)} messages, by reason under “Refused messages”</dd>
      </dl>
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
        <DeadLettersSection />
        <StorageSection />
        <BrokersSection />
      </div>
    </section>
  );
}
