import type { z } from 'zod';
import type { Db } from '../db/database';
import type { Point, PointKind, ValueType } from '../../shared/contract/schemas/points';

export type { Point };
type Kind = z.infer<typeof PointKind>;
type VType = z.infer<typeof ValueType>;

export interface Device {
  id: number;
  key: string;
  name: string;
  linkId: string | null;
  spaceId: string | null;
}

/** What is known of a point when it is registered or first heard of. */
export interface PointSpec {
  key: string;
  deviceKey: string;
  name?: string;
  deviceName?: string;
  kind?: Kind;
  valueType?: VType;
  unit?: string | null;
  tags?: string[];
  spaceId?: string | null;
  linkId?: string | null;
}

interface PointRow {
  id: number;
  key: string;
  device_id: number;
  name: string;
  kind: Kind;
  value_type: VType;
  unit: string | null;
  tags: string;
  space_id: string | null;
}

/**
 * Devices and points, held in memory for the ingest path and persisted on change.
 * Lookups by key are the hot path; creation is rare.
 */
export class Registry {
  private readonly byKey = new Map<string, Point>();
  private readonly byId = new Map<number, Point>();
  private readonly devicesByKey = new Map<string, Device>();
  private readonly devicesById = new Map<number, Device>();
  private readonly insertDevice;
  private readonly insertPoint;
  private readonly updatePoint;
  /** Points created or redescribed since the last `takeChanged` (the `points.updated` event). */
  private changed = new Set<number>();

  constructor(private readonly db: Db) {
    this.insertDevice = db.prepare(
      'INSERT INTO devices (key, name, link_id, space_id, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertPoint = db.prepare(
      `INSERT INTO points (key, device_id, name, kind, value_type, unit, tags, space_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updatePoint = db.prepare(
      'UPDATE points SET name = ?, kind = ?, value_type = ?, unit = ?, tags = ?, space_id = ? WHERE id = ?',
    );
    this.load();
  }

  private load(): void {
    for (const d of this.db.prepare('SELECT id, key, name, link_id, space_id FROM devices').all() as {
      id: number;
      key: string;
      name: string;
      link_id: string | null;
      space_id: string | null;
    }[]) {
      this.addDevice({ id: d.id, key: d.key, name: d.name, linkId: d.link_id, spaceId: d.space_id });
    }
    for (const r of this.db.prepare('SELECT * FROM points').all() as PointRow[]) {
      const device = this.devicesById.get(r.device_id)!;
      this.addPoint({
        id: r.id,
        key: r.key,
        name: r.name,
        deviceId: r.device_id,
        deviceKey: device.key,
        kind: r.kind,
        valueType: r.value_type,
        unit: r.unit,
        tags: JSON.parse(r.tags) as string[],
        spaceId: r.space_id,
      });
    }
  }

  private addDevice(d: Device): void {
    this.devicesByKey.set(d.key, d);
    this.devicesById.set(d.id, d);
  }

  private addPoint(p: Point): void {
    this.byKey.set(p.key, p);
    this.byId.set(p.id, p);
  }

  point(key: string): Point | undefined {
    return this.byKey.get(key);
  }

  pointById(id: number): Point | undefined {
    return this.byId.get(id);
  }

  points(): IterableIterator<Point> {
    return this.byId.values();
  }

  devices(): IterableIterator<Device> {
    return this.devicesById.values();
  }

  device(key: string): Device | undefined {
    return this.devicesByKey.get(key);
  }

  deviceById(id: number): Device | undefined {
    return this.devicesById.get(id);
  }

  get pointCount(): number {
    return this.byId.size;
  }

  get deviceCount(): number {
    return this.devicesById.size;
  }

  /** The points created or redescribed since the last call, each once. */
  takeChanged(): Point[] {
    if (this.changed.size === 0) return [];
    const ids = this.changed;
    this.changed = new Set();
    const out: Point[] = [];
    for (const id of ids) {
      const p = this.byId.get(id);
      if (p) out.push({ ...p, tags: [...p.tags] });
    }
    return out;
  }

  ensureDevice(key: string, name?: string, linkId?: string | null, spaceId?: string | null): Device {
    const found = this.devicesByKey.get(key);
    if (found) return found;
    const now = Date.now();
    const info = this.insertDevice.run(key, name ?? key, linkId ?? null, spaceId ?? null, now);
    const d: Device = { id: Number(info.lastInsertRowid), key, name: name ?? key, linkId: linkId ?? null, spaceId: spaceId ?? null };
    this.addDevice(d);
    return d;
  }

  /** Names a device and places it in a space (registration by hand); updated in place like points. */
  describeDevice(device: Device, name: string, spaceId: string | null): void {
    if (device.name === name && device.spaceId === spaceId) return;
    this.db.prepare('UPDATE devices SET name = ?, space_id = ? WHERE id = ?').run(name, spaceId, device.id);
    device.name = name;
    device.spaceId = spaceId;
  }

  /** Returns the point with this key, creating it (and its device) when first heard of. */
  ensurePoint(spec: PointSpec): Point {
    return this.byKey.get(spec.key) ?? this.create(spec);
  }

  /**
   * Registers a point from a profile or by hand: creates it, or updates what is known of it.
   * An existing point is updated in place, so holders of the object (route caches) see the change.
   */
  register(spec: PointSpec): Point {
    const found = this.byKey.get(spec.key);
    if (!found) return this.create(spec);
    found.name = spec.name ?? found.name;
    found.kind = spec.kind ?? found.kind;
    found.valueType = spec.valueType ?? found.valueType;
    if (spec.unit !== undefined) found.unit = spec.unit;
    found.tags = spec.tags ?? found.tags;
    if (spec.spaceId !== undefined) found.spaceId = spec.spaceId;
    this.updatePoint.run(found.name, found.kind, found.valueType, found.unit, JSON.stringify(found.tags), found.spaceId, found.id);
    this.changed.add(found.id);
    return found;
  }

  private create(spec: PointSpec): Point {
    const device = this.ensureDevice(spec.deviceKey, spec.deviceName, spec.linkId, spec.spaceId);
    const name = spec.name ?? spec.key.slice(spec.key.lastIndexOf('/') + 1);
    const p: Omit<Point, 'id'> = {
      key: spec.key,
      name,
      deviceId: device.id,
      deviceKey: device.key,
      kind: spec.kind ?? 'sensor',
      valueType: spec.valueType ?? 'number',
      unit: spec.unit ?? null,
      tags: spec.tags ?? [],
      spaceId: spec.spaceId ?? device.spaceId,
    };
    const info = this.insertPoint.run(p.key, p.deviceId, p.name, p.kind, p.valueType, p.unit, JSON.stringify(p.tags), p.spaceId, Date.now());
    const point: Point = { id: Number(info.lastInsertRowid), ...p };
    this.addPoint(point);
    this.changed.add(point.id);
    return point;
  }
}
