import { useConnection, useWireState } from '../api/connection-context';
import { useNow } from '../state/clock';
import { describeConnection } from '../api/connection-text';

/** Across the top of every screen while the core is out of reach: the values shown are the last received. */
export function ConnectionBanner() {
  const { connection } = useConnection();
  const wire = useWireState();
  const now = useNow();
  const { detail } = describeConnection(wire, connection.transport, now);
  if (!detail) return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {detail} Values on screen are the last ones received.
    </div>
  );
}
