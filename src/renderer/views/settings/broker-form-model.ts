import type { z } from 'zod';
import {
  BrokerSaveInput,
  JsonMapping,
  type BrokerEntry,
  type BrokerSaveInput as SaveInput,
  type JsonMappingInput,
} from '../../../shared/contract/schemas/brokers';
import type { PointKind } from '../../../shared/contract/schemas/points';

type Kind = z.infer<typeof PointKind>;
type Settings = BrokerEntry['settings'];

/** A mapping as the form edits it: text fields, turned into a JsonMapping on save. */
export interface MappingFields {
  topic: string;
  device: string;
  point: string;
  space: string;
  points: 'value' | 'keys';
  valuePath: string;
  timestampPath: string;
  unitPath: string;
  /** Comma-separated keys. */
  ignoreKeys: string;
  scale: string;
  offset: string;
  unit: string;
  /** `key=unit` pairs, comma-separated. */
  units: string;
  kind: Kind | '';
  /** Comma-separated tags. */
  tags: string;
}

export interface BrokerFields {
  id: string;
  name: string;
  url: string;
  username: string;
  /** Empty: keep the stored password (see `clearPassword`). */
  password: string;
  clearPassword: boolean;
  clientId: string;
  keepaliveS: string;
  qos: '0' | '1';
  protocolVersion: '' | '4' | '5';
  sessionExpiryS: string;
  sharedGroup: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  rejectUnauthorized: boolean;
  serverName: string;
  enabled: boolean;
  mappings: MappingFields[];
}

const list = (items: readonly string[] | undefined): string => (items ?? []).join(', ');
const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

export function mappingFieldsOf(m?: JsonMappingInput): MappingFields {
  return {
    topic: m?.topic ?? '',
    device: m?.device ?? '{device}',
    point: m?.point ?? '{point}',
    space: m?.space ?? '',
    points: m?.points ?? 'value',
    valuePath: m?.valuePath ?? 'value',
    timestampPath: m?.timestampPath ?? 'ts',
    unitPath: m?.unitPath ?? 'unit',
    ignoreKeys: list(m?.ignoreKeys),
    scale: str(m?.scale),
    offset: str(m?.offset),
    unit: m?.unit ?? '',
    units: Object.entries(m?.units ?? {})
      .map(([k, u]) => `${k}=${u}`)
      .join(', '),
    kind: m?.kind ?? '',
    tags: list(m?.tags),
  };
}

/** The form's fields for a link, or for a new one. */
export function brokerFieldsOf(s?: Settings): BrokerFields {
  return {
    id: s?.id ?? '',
    name: s?.name ?? '',
    url: s?.url ?? 'mqtt://',
    username: s?.username ?? '',
    password: '',
    clearPassword: false,
    clientId: s?.clientId ?? '',
    keepaliveS: str(s?.keepaliveS ?? 30),
    qos: s?.qos === 0 ? '0' : '1',
    protocolVersion: s?.protocolVersion === undefined ? '' : s.protocolVersion === 4 ? '4' : '5',
    sessionExpiryS: str(s?.sessionExpiryS),
    sharedGroup: s?.sharedGroup ?? '',
    caFile: s?.tls?.caFile ?? '',
    certFile: s?.tls?.certFile ?? '',
    keyFile: s?.tls?.keyFile ?? '',
    rejectUnauthorized: s?.tls?.rejectUnauthorized ?? true,
    serverName: s?.tls?.serverName ?? '',
    enabled: s?.enabled ?? true,
    mappings: (s?.mappings ?? []).map(mappingFieldsOf),
  };
}

const text = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
/** An unparseable number stays NaN, so the schema names the field rather than dropping it. */
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));
const items = (s: string): string[] | undefined => {
  const out = s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return out.length === 0 ? undefined : out;
};

/** `temperature=°C, humidity=%RH`; a pair without `=` gets an empty unit, which the schema names. */
function unitsOf(s: string): Record<string, string> | undefined {
  const pairs = items(s);
  if (pairs === undefined) return undefined;
  return Object.fromEntries(
    pairs.map((p) => {
      const at = p.indexOf('=');
      return at < 0 ? [p, ''] : [p.slice(0, at).trim(), p.slice(at + 1).trim()];
    }),
  );
}

/** Leaves out what is not set, as the contract expects of optional fields. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function mappingOf(f: MappingFields): JsonMappingInput {
  const keys = f.points === 'keys';
  return defined({
    topic: f.topic.trim(),
    device: text(f.device),
    point: text(f.point),
    space: text(f.space),
    points: keys ? ('keys' as const) : undefined,
    valuePath: f.valuePath.trim(),
    timestampPath: f.timestampPath.trim(),
    unitPath: f.unitPath.trim(),
    ignoreKeys: keys ? items(f.ignoreKeys) : undefined,
    scale: num(f.scale),
    offset: num(f.offset),
    unit: text(f.unit),
    units: keys ? unitsOf(f.units) : undefined,
    kind: f.kind === '' ? undefined : f.kind,
    tags: items(f.tags),
  });
}

/**
 * The save input for the fields. Settings the form does not show (backoff, Sparkplug) are kept from
 * `base`, the link as listed, so editing never drops them.
 */
export function saveInputOf(f: BrokerFields, base?: Settings): SaveInput {
  const { hasPassword: _hasPassword, ...kept } = base ?? { hasPassword: false };
  const secure = /^(mqtts|wss):/.test(f.url.trim());
  const tlsSet = [f.caFile, f.certFile, f.keyFile, f.serverName].some((v) => v.trim() !== '') || !f.rejectUnauthorized;
  return defined({
    ...kept,
    id: f.id.trim(),
    name: f.name.trim(),
    url: f.url.trim(),
    username: text(f.username),
    password: f.clearPassword ? null : f.password === '' ? undefined : f.password,
    clientId: text(f.clientId),
    keepaliveS: num(f.keepaliveS),
    qos: f.qos === '0' ? (0 as const) : (1 as const),
    protocolVersion: f.protocolVersion === '' ? undefined : f.protocolVersion === '4' ? (4 as const) : (5 as const),
    sessionExpiryS: num(f.sessionExpiryS),
    sharedGroup: text(f.sharedGroup),
    tls:
      secure || tlsSet
        ? defined({
            caFile: text(f.caFile),
            certFile: text(f.certFile),
            keyFile: text(f.keyFile),
            rejectUnauthorized: f.rejectUnauthorized,
            serverName: text(f.serverName),
          })
        : undefined,
    enabled: f.enabled,
    mappings: f.mappings.map(mappingOf),
  });
}

/** Field errors keyed by their dotted path (`url`, `tls.caFile`, `mappings.0.device`); '' for the whole form. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    out[key] = out[key] === undefined ? i.message : `${out[key]}; ${i.message}`;
  }
  return out;
}

/** Checks the fields with the contract's own schema, as the core will. */
export function validateBroker(f: BrokerFields, base?: Settings): { input: SaveInput; errors: FieldErrors } {
  const input = saveInputOf(f, base);
  const parsed = BrokerSaveInput.safeParse(input);
  return { input, errors: parsed.success ? {} : fieldErrorsOf(parsed.error.issues) };
}

export function validateMapping(f: MappingFields): { mapping: JsonMappingInput; errors: FieldErrors } {
  const mapping = mappingOf(f);
  const parsed = JsonMapping.safeParse(mapping);
  return { mapping, errors: parsed.success ? {} : fieldErrorsOf(parsed.error.issues) };
}
