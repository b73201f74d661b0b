import './brokers.css';
import { Fragment, useEffect, useState } from 'react';
import type { BrokerEntry, BrokerTestResult } from '../../../shared/contract/schemas/brokers';
import { errorText } from '../../../shared/errors';
import { useClient } from '../../api/connection-context';
import { useQuery } from '../../api/use-query';
import { StateDot } from '../../components/StateDot';
import { formatAge, formatDateTime } from '../../lib/format';
import { linkTone } from '../../components/link-tone';
import { linkLossWarning } from '../../../shared/link-loss';
import { useNow } from '../../state/clock';
import { useHealth } from '../../state/site-data';
import { BrokerForm } from './BrokerForm';
import { BrokerTestSteps } from './BrokerTestSteps';

const sourceText: Record<BrokerEntry['source'], string> = {
  file: 'configuration file',
  saved: 'saved here',
  embedded: 'embedded demo broker',
};

/** null: the list; 'new': the form for a new link; an id: the form for that link. */
type Editing = null | 'new' | string;

/**
 * Settings → Brokers: every link with its state, and the add / edit / test / remove of the links
 * saved here. Links of the configuration file and the demo site are shown read-only.
 */
export function BrokersSection() {
  const client = useClient();
  const { health } = useHealth();
  const now = useNow();
  const list = useQuery('brokers.list', undefined);
  const entries = list.data?.brokers ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? list.error;
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, BrokerTestResult | 'running' | { error: string }>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const reload = list.refresh;

  // Link states are pushed with every health report; the list itself changes only when a link is saved or removed.
  const live = new Map((health?.brokers ?? []).map((b) => [b.id, b]));
  // Another console may save or remove a link: a change in the set of running links asks for the list again.
  const linkIds = health?.brokers.map((b) => b.id).join('\n');
  useEffect(() => {
    if (linkIds !== undefined) reload();
  }, [linkIds, reload]);

  const test = (id: string): void => {
    setTests((t) => ({ ...t, [id]: 'running' }));
    client
      .call('brokers.test', { id })
      .then((r) => setTests((t) => ({ ...t, [id]: r })))
      .catch((err: unknown) => setTests((t) => ({ ...t, [id]: { error: errorText(err) } })));
  };

  const remove = (id: string): void => {
    client
      .call('brokers.remove', { id })
      .then(() => {
        setConfirming(null);
        setNotice(`Broker ${id} removed: its link stopped and its settings were deleted.`);
        reload();
      })
      .catch((err: unknown) => setError(errorText(err)));
  };

  const editedEntry = editing !== null && editing !== 'new' ? (entries?.find((e) => e.settings.id === editing) ?? null) : null;

  return (
    <section className="panel brokers-section" aria-labelledby="settings-brokers">
      <div className="brokers-head">
        <h2 id="settings-brokers">Broker links</h2>
        {editing === null && (
          <button type="button" className="primary" data-testid="broker-add" onClick={() => setEditing('new')}>
            Add a broker
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="brokers-error">
          {error}
        </p>
      )}
      {notice && editing === null && (
        <p className="notice" data-testid="brokers-notice">
          {notice}
        </p>
      )}
      {editing !== null ? (
        <BrokerForm
          key={editing}
          entry={editedEntry}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(`Broker ${saved.settings.name} saved; ${saved.settings.enabled ? 'its link (re)connects now' : 'it is disabled'}.`);
            reload();
          }}
        />
      ) : entries === null ? (
        <p className="muted">Reading the broker links…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No broker links yet. Add one to receive the site’s MQTT devices.</p>
      ) : (
        <table className="grid-table brokers-table" data-testid="brokers-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">State</th>
              <th scope="col">Since</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span className="bf-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const id = e.settings.id;
              const link = live.get(id) ?? e.link;
              const state = link?.state ?? (e.settings.enabled ? 'stopped' : 'disabled');
              const result = tests[id];
              return (
                <Fragment key={id}>
                  <tr data-testid="broker-row" data-broker-id={id} data-state={state} data-source={e.source}>
                    <td>
                      {e.settings.name}
                      <span className="badge subtle" title={e.editable ? 'Editable here' : 'Change it where it is defined'}>
                        {sourceText[e.source]}
                      </span>
                      <div className="muted mono bf-id">{id}</div>
                    </td>
                    <td className="mono">{e.settings.url}</td>
                    <td>
                      <StateDot tone={link ? linkTone[link.state] : 'muted'} /> {state}
                    </td>
                    <td title={link ? formatDateTime(link.since) : undefined}>{link ? formatAge(now - link.since) : '—'}</td>
                    <td data-testid="broker-last-error">
                      {link?.lastError ?? e.problem ?? '—'}
                      {link && linkLossWarning(link) !== null && (
                        <p className="form-error" role="alert" data-testid="broker-loss">
                          {linkLossWarning(link)}
                        </p>
                      )}
                    </td>
                    <td className="bf-row-actions">
                      <button type="button" data-testid="broker-test" onClick={() => test(id)} disabled={result === 'running'}>
                        {result === 'running' ? 'Testing…' : 'Test'}
                      </button>
                      {e.editable ? (
                        <>
                          <button type="button" data-testid="broker-edit" onClick={() => setEditing(id)}>
                            Edit
                          </button>
                          <button type="button" className="danger" data-testid="broker-remove" onClick={() => setConfirming(id)}>
                            Remove
                          </button>
                        </>
                      ) : (
                        <span className="hint">{e.source === 'file' ? 'defined in the configuration file' : 'part of the demo site'}</span>
                      )}
                    </td>
                  </tr>
                  {confirming === id && (
                    <tr className="bf-confirm-row">
                      <td colSpan={6}>
                        <div className="bf-confirm" role="alertdialog" aria-label={`Remove ${e.settings.name}?`} data-testid="broker-remove-confirm">
                          <p>
                            Remove <strong>{e.settings.name}</strong>? Its link stops, its session at the broker ends and its settings are deleted. The
                            points it brought in stay.
                          </p>
                          <button type="button" className="danger" data-testid="broker-remove-yes" onClick={() => remove(id)}>
                            Remove {e.settings.name}
                          </button>
                          <button type="button" data-testid="broker-remove-no" onClick={() => setConfirming(null)}>
                            Keep it
                          </button>
                        </div>
                      </td>
                    </tr>
                  )}
                  {result !== undefined && result !== 'running' && (
                    <tr className="bf-test-row">
                      <td colSpan={6}>
                        {'error' in result ? <p className="form-error">{result.error}</p> : <BrokerTestSteps result={result} />}
                        <button type="button" className="bf-link-button" onClick={() => setTests(({ [id]: _, ...rest }) => rest)}>
                          Close
                        </button>
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
