import { useState, type FormEvent } from 'react';
import type { BrokerEntry, BrokerTestResult } from '../../../shared/contract/schemas/brokers';
import { ApiError, errorText } from '../../../shared/errors';
import { useClient } from '../../api/connection-context';
import { brokerFieldsOf, fieldErrorsOf, mappingFieldsOf, validateBroker, type BrokerFields, type FieldErrors } from './broker-form-model';
import { BrokerField, invalidProps } from './BrokerField';
import { BrokerTestSteps } from './BrokerTestSteps';
import { MappingEditor } from './MappingEditor';

type TextField = 'id' | 'name' | 'url' | 'username' | 'password' | 'clientId' | 'keepaliveS' | 'sessionExpiryS' | 'sharedGroup' | 'caFile' | 'certFile' | 'keyFile' | 'serverName';

/** Where each form field's errors are reported by the schema. */
const errorPath: Partial<Record<TextField, string>> = { caFile: 'tls.caFile', certFile: 'tls.certFile', keyFile: 'tls.keyFile', serverName: 'tls.serverName' };


function issuesOf(err: unknown): { path: string[]; message: string }[] {
  if (!(err instanceof ApiError)) return [];
  const data = err.data as { issues?: { path: string[]; message: string }[] } | undefined;
  return Array.isArray(data?.issues) ? data.issues : [];
}

/**
 * Adds or edits a saved broker link. The fields are checked with the contract's own schema before
 * anything is sent; what only the core can check (TLS files, templates) comes back on the same fields.
 */
export function BrokerForm({ entry, onSaved, onCancel }: { entry: BrokerEntry | null; onSaved: (entry: BrokerEntry) => void; onCancel: () => void }) {
  const client = useClient();
  const base = entry?.settings;
  const [fields, setFields] = useState<BrokerFields>(() => brokerFieldsOf(base));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [test, setTest] = useState<BrokerTestResult | null>(null);
  const { input, errors: schemaErrors } = validateBroker(fields, base);
  const errors: FieldErrors = submitted ? { ...serverErrors, ...schemaErrors } : serverErrors;
  const secure = /^(mqtts|wss):/.test(fields.url.trim());

  const change = (next: BrokerFields): void => {
    setFields(next);
    setServerErrors({});
    setFormError(null);
  };
  const set = <K extends keyof BrokerFields>(name: K, value: BrokerFields[K]): void => change({ ...fields, [name]: value });

  const fail = (err: unknown): void => {
    const issues = issuesOf(err);
    setServerErrors(fieldErrorsOf(issues));
    setFormError(issues.length > 0 ? 'Some settings cannot work: see the fields marked.' : errorText(err));
  };

  const usable = (): boolean => {
    setSubmitted(true);
    if (Object.keys(schemaErrors).length === 0) return true;
    setFormError('Some settings cannot work: see the fields marked.');
    return false;
  };

  const save = (e: FormEvent): void => {
    e.preventDefault();
    if (!usable()) return;
    setBusy('save');
    client
      .call('brokers.save', input)
      .then(onSaved)
      .catch(fail)
      .finally(() => setBusy(null));
  };

  const runTest = (): void => {
    if (!usable()) return;
    setBusy('test');
    setTest(null);
    client
      .call('brokers.test', { settings: input })
      .then(setTest)
      .catch(fail)
      .finally(() => setBusy(null));
  };

  const text = (name: TextField, label: string, options: { hint?: string; placeholder?: string; type?: string; disabled?: boolean } = {}) => {
    const id = `broker-field-${name}`;
    const error = errors[errorPath[name] ?? name];
    return (
      <BrokerField id={id} label={label} error={error} {...(options.hint ? { hint: options.hint } : {})}>
        <input
          id={id}
          data-testid={id}
          type={options.type ?? 'text'}
          value={fields[name]}
          placeholder={options.placeholder}
          disabled={options.disabled}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => set(name, e.target.value)}
          {...invalidProps(id, error)}
        />
      </BrokerField>
    );
  };

  return (
    <form className="broker-form" onSubmit={save} data-testid="broker-form" aria-label={entry ? `Edit broker ${entry.settings.name}` : 'Add a broker'} noValidate>
      <h3>{entry ? `Edit ${entry.settings.name}` : 'Add a broker'}</h3>
      <fieldset>
        <legend>Connection</legend>
        <div className="bf-grid">
          {text('id', 'Id', { hint: entry ? 'The id of a saved link does not change.' : 'Lower-case letters, digits, - and _; it never changes.', placeholder: 'site-broker', disabled: entry !== null })}
          {text('name', 'Name', { placeholder: 'Site broker' })}
          {text('url', 'Broker URL', { hint: 'mqtt://, mqtts://, ws:// or wss://, with the port.', placeholder: 'mqtts://broker.example:8883' })}
          {text('username', 'User name')}
          {text('password', 'Password', {
            type: 'password',
            placeholder: base?.hasPassword && !fields.clearPassword ? 'stored — leave empty to keep it' : '',
            disabled: fields.clearPassword,
          })}
          {base?.hasPassword && (
            <label className="bf-check">
              <input type="checkbox" data-testid="broker-field-clearPassword" checked={fields.clearPassword} onChange={(e) => change({ ...fields, clearPassword: e.target.checked, password: '' })} />
              Remove the stored password
            </label>
          )}
          {text('clientId', 'Client id', { hint: 'Left empty: derived from this installation and the id, the same at every start.' })}
        </div>
      </fieldset>
      <fieldset>
        <legend>Session</legend>
        <div className="bf-grid">
          {text('keepaliveS', 'Keepalive (s)')}
          <BrokerField id="broker-field-qos" label="QoS" error={errors.qos} hint="1: the broker keeps messages while the link is down; acknowledged once stored.">
            <select id="broker-field-qos" data-testid="broker-field-qos" value={fields.qos} onChange={(e) => set('qos', e.target.value === '0' ? '0' : '1')}>
              <option value="1">1 — at least once</option>
              <option value="0">0 — at most once</option>
            </select>
          </BrokerField>
          <BrokerField id="broker-field-protocolVersion" label="MQTT version" error={errors.protocolVersion}>
            <select
              id="broker-field-protocolVersion"
              data-testid="broker-field-protocolVersion"
              value={fields.protocolVersion}
              onChange={(e) => set('protocolVersion', e.target.value === '4' ? '4' : e.target.value === '5' ? '5' : '')}
            >
              <option value="">Automatic: 5, else 3.1.1</option>
              <option value="5">5 only</option>
              <option value="4">3.1.1</option>
            </select>
          </BrokerField>
          {text('sessionExpiryS', 'Session expiry (s)', { hint: 'MQTT 5: how long the broker keeps the session while the link is down. Default a week.', placeholder: '604800' })}
          {text('sharedGroup', 'Shared subscription group', { hint: 'Hosts in one group split the messages between them.' })}
          <label className="bf-check">
            <input type="checkbox" data-testid="broker-field-enabled" checked={fields.enabled} onChange={(e) => set('enabled', e.target.checked)} />
            Enabled: the link runs
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>TLS</legend>
        {!secure && <p className="hint">For mqtts:// and wss:// URLs.</p>}
        {errors.tls && <p className="form-error" data-testid="broker-field-tls-error">{errors.tls}</p>}
        <div className="bf-grid">
          {text('caFile', 'CA file', { hint: 'Full path on the core’s machine. Empty: the system’s trusted CAs.' })}
          {text('certFile', 'Client certificate file', { hint: 'For brokers that require one.' })}
          {text('keyFile', 'Client key file')}
          {text('serverName', 'Server name', { hint: 'When the certificate’s name differs from the URL’s host.' })}
          <label className="bf-check">
            <input type="checkbox" data-testid="broker-field-rejectUnauthorized" checked={fields.rejectUnauthorized} onChange={(e) => set('rejectUnauthorized', e.target.checked)} />
            Check the broker’s certificate (turn off only on a test bench)
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>JSON mappings</legend>
        <p className="hint">How topics and payloads become points. A link subscribes to the topics of its mappings.</p>
        {errors.mappings && <p className="form-error">{errors.mappings}</p>}
        {fields.mappings.map((m, i) => (
          <MappingEditor
            key={i}
            index={i}
            fields={m}
            errors={errors}
            onChange={(next) => change({ ...fields, mappings: fields.mappings.map((x, j) => (j === i ? next : x)) })}
            onRemove={() => change({ ...fields, mappings: fields.mappings.filter((_, j) => j !== i) })}
          />
        ))}
        <button type="button" data-testid="mapping-add" onClick={() => change({ ...fields, mappings: [...fields.mappings, mappingFieldsOf()] })}>
          Add a mapping
        </button>
      </fieldset>
      {formError && (
        <p className="form-error" role="alert" data-testid="broker-form-error">
          {formError}
          {errors[''] ? ` ${errors['']}` : ''}
        </p>
      )}
      {test && <BrokerTestSteps result={test} />}
      <div className="bf-actions">
        <button type="submit" className="primary" data-testid="broker-save" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : fields.enabled ? 'Save and connect' : 'Save'}
        </button>
        <button type="button" data-testid="broker-form-test" onClick={runTest} disabled={busy !== null}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" onClick={onCancel} data-testid="broker-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
