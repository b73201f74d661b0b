import { useEffect, useState } from 'react';
import type { JsonMappingInput, MappingPreviewOutput } from '../../../shared/contract/schemas/brokers';
import { deadLetterText, type DeadLetterReason } from '../../../shared/contract/schemas/ingest';
import { useClient } from '../../api/connection-context';
import { formatDateTime, formatValue } from '../../lib/format';
import { validateMapping, type MappingFields } from './broker-form-model';
import { errorText } from '../../../shared/errors';

const PREVIEW_DELAY_MS = 250;
const reasonText = (reason: string): string => deadLetterText[reason as DeadLetterReason] ?? reason;

/**
 * Paste a topic and a payload, see what the mapping makes of them. The core decodes them
 * (`brokers.previewMapping`) with the link's own code, so what is shown is what would be stored.
 */
export function MappingPreview({ fields, idPrefix }: { fields: MappingFields; idPrefix: string }) {
  const client = useClient();
  const [topic, setTopic] = useState('');
  const [payload, setPayload] = useState('');
  const [result, setResult] = useState<MappingPreviewOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { mapping, errors } = validateMapping(fields);
  const valid = Object.keys(errors).length === 0;
  const mappingKey = JSON.stringify(mapping);

  useEffect(() => {
    if (!valid || topic.trim() === '') {
      setResult(null);
      setError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('brokers.previewMapping', { mapping: JSON.parse(mappingKey) as JsonMappingInput, topic: topic.trim(), payload })
        .then((r) => {
          if (!live) return;
          setResult(r);
          setError(null);
        })
        .catch((err: unknown) => live && setError(errorText(err)));
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, mappingKey, topic, payload, valid]);

  return (
    <div className="bf-preview" data-testid="mapping-preview">
      <h4>Try it</h4>
      <div className="bf-preview-inputs">
        <label htmlFor={`${idPrefix}-sample-topic`}>Sample topic</label>
        <input
          id={`${idPrefix}-sample-topic`}
          data-testid="mapping-preview-topic"
          className="mono"
          value={topic}
          placeholder={fields.topic.replace(/\{([^}]+)\}/g, '$1') || 'site/device-1/temperature'}
          onChange={(e) => setTopic(e.target.value)}
          spellCheck={false}
        />
        <label htmlFor={`${idPrefix}-sample-payload`}>Sample payload</label>
        <textarea
          id={`${idPrefix}-sample-payload`}
          data-testid="mapping-preview-payload"
          className="mono"
          rows={3}
          value={payload}
          placeholder={fields.points === 'keys' ? '{"temperature": 21.3, "humidity": 40, "ts": 1700000000}' : '{"value": 21.5, "ts": 1700000000000, "unit": "°C"}'}
          onChange={(e) => setPayload(e.target.value)}
          spellCheck={false}
        />
      </div>
      <div className="bf-preview-result" data-testid="mapping-preview-result" aria-live="polite">
        {!valid ? (
          <p className="muted">Correct the mapping above to try it.</p>
        ) : topic.trim() === '' ? (
          <p className="muted">Paste a topic and a payload a device sends: the points, values, units and times it yields appear here.</p>
        ) : error ? (
          <p className="form-error">{error}</p>
        ) : result === null ? (
          <p className="muted">Reading…</p>
        ) : (
          <PreviewResult result={result} />
        )}
      </div>
    </div>
  );
}

function PreviewResult({ result }: { result: MappingPreviewOutput }) {
  if (!result.matched) {
    return (
      <p className="tone-text-bad" data-testid="mapping-preview-error">
        The topic does not fit <code>{result.filter}</code>: the link would refuse it ({reasonText('unknown-topic')}).
      </p>
    );
  }
  const captures = Object.entries(result.captures);
  return (
    <>
      <p className="muted">
        Device <code data-testid="mapping-preview-device">{result.deviceKey}</code>
        {result.spaceId !== null && (
          <>
            {' '}
            in space <code>{result.spaceId}</code>
          </>
        )}
        {captures.length > 0 && <> · from {captures.map(([k, v]) => `${k} = ${v}`).join(', ')}</>}
      </p>
      {result.error ? (
        <p className="tone-text-bad" data-testid="mapping-preview-error">
          Refused: {result.error.message}
          {result.error.message !== reasonText(result.error.reason) && <span className="muted"> (counted as: {reasonText(result.error.reason)})</span>}
        </p>
      ) : (
        <table className="grid-table bf-preview-table" data-testid="mapping-preview-readings">
          <thead>
            <tr>
              <th scope="col">Point key</th>
              <th scope="col">Value</th>
              <th scope="col">Unit</th>
              <th scope="col">Time</th>
              <th scope="col">Kind, tags</th>
            </tr>
          </thead>
          <tbody>
            {result.readings.map((r, i) => (
              <tr key={`${r.pointKey}-${i}`} data-point-key={r.pointKey}>
                <td className="mono">{r.pointKey}</td>
                <td className="mono">
                  {formatValue(r.value)} <span className="muted">({r.valueType})</span>
                </td>
                <td>{r.unit ?? '—'}</td>
                <td>{r.ts === null ? <span className="muted">time of arrival</span> : formatDateTime(r.ts)}</td>
                <td>
                  {r.kind}
                  {r.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
