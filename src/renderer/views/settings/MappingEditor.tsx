import { validateMapping, type FieldErrors, type MappingFields } from './broker-form-model';
import { BrokerField, invalidProps } from './BrokerField';
import { MappingPreview } from './MappingPreview';

const kinds = ['sensor', 'setpoint', 'command', 'status'] as const;

/** One JSON mapping of a link: how topics and payloads become points, with a live preview. */
export function MappingEditor(props: {
  index: number;
  fields: MappingFields;
  errors: FieldErrors;
  onChange: (fields: MappingFields) => void;
  onRemove: () => void;
}) {
  const { index, fields, errors, onChange, onRemove } = props;
  const prefix = `mapping-${index}`;
  // A template that cannot work is said at once, not only on save: the preview depends on it.
  const live = validateMapping(fields).errors;
  const err = (name: keyof MappingFields) => errors[`mappings.${index}.${name}`] ?? live[name];
  const text = (name: Exclude<keyof MappingFields, 'points' | 'kind'>, label: string, hint?: string, placeholder?: string) => {
    const id = `${prefix}-${name}`;
    return (
      <BrokerField id={id} label={label} error={err(name)} {...(hint ? { hint } : {})}>
        <input
          id={id}
          data-testid={id}
          className="mono"
          value={fields[name]}
          placeholder={placeholder}
          spellCheck={false}
          onChange={(e) => onChange({ ...fields, [name]: e.target.value })}
          {...invalidProps(id, err(name))}
        />
      </BrokerField>
    );
  };
  const keys = fields.points === 'keys';

  return (
    <fieldset className="bf-mapping" data-testid="mapping-editor" data-index={index}>
      <legend>
        Mapping {index + 1}
        <button type="button" className="bf-link-button" onClick={onRemove} data-testid={`${prefix}-remove`}>
          Remove mapping
        </button>
      </legend>
      {errors[`mappings.${index}`] && <p className="form-error">{errors[`mappings.${index}`]}</p>}
      <div className="bf-grid">
        {text('topic', 'Topic template', 'Each {name} captures one level of the topic.', 'site/{floor}/{device}/{point}')}
        <div className="bf-field">
          <span className="bf-label" id={`${prefix}-points-label`}>
            Points per message
          </span>
          <div className="segmented" role="group" aria-labelledby={`${prefix}-points-label`}>
            <button type="button" aria-pressed={!keys} data-testid={`${prefix}-points-value`} onClick={() => onChange({ ...fields, points: 'value' })}>
              One value
            </button>
            <button type="button" aria-pressed={keys} data-testid={`${prefix}-points-keys`} onClick={() => onChange({ ...fields, points: 'keys' })}>
              One per key
            </button>
          </div>
          <p className="hint">{keys ? 'Each key of a JSON object is a point: {"temperature": 21.3, "humidity": 40}.' : 'The topic names the point; the payload holds its value.'}</p>
        </div>
        {text('device', 'Device key', 'Built from the captured names.')}
        {text('point', 'Point name', keys ? '{point} is the payload’s key.' : 'Built from the captured names.')}
        {text('space', 'Space (room)', 'Optional: the building space the device serves.', '{floor}')}
        {text('valuePath', 'Value path', 'Dotted path in the payload; empty when the payload is the value.')}
        {text('timestampPath', 'Timestamp path', 'Seconds or milliseconds since 1970, or an ISO date.')}
        {text('unitPath', 'Unit path')}
        {keys && text('ignoreKeys', 'Keys that are not points', 'Comma-separated, e.g. linkquality, update.')}
        {text('scale', 'Scale', 'Stored value = raw × scale + offset. A numeric string is read as its number.', '1')}
        {text('offset', 'Offset', undefined, '0')}
        {text('unit', 'Unit', 'Over any unit in the payload.', '°C')}
        {keys && text('units', 'Unit per key', 'e.g. temperature=°C, humidity=%RH', 'temperature=°C')}
        <BrokerField id={`${prefix}-kind`} label="Kind of the new points" error={err('kind')}>
          <select id={`${prefix}-kind`} data-testid={`${prefix}-kind`} value={fields.kind} onChange={(e) => onChange({ ...fields, kind: e.target.value as MappingFields['kind'] })}>
            <option value="">sensor (default)</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </BrokerField>
        {text('tags', 'Tags of the new points', 'Project Haystack markers, comma-separated.', 'zone, air, temp')}
      </div>
      <MappingPreview fields={fields} idPrefix={prefix} />
    </fieldset>
  );
}
