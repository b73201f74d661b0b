import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/core/db/database';
import { SpaceTable } from '../../src/core/db/spaces';
import { Registry } from '../../src/core/model/registry';
import { SpaceDirectory } from '../../src/core/model/spaces/spaces';
import type { SpaceModel, SpaceRecord, StoreyRecord } from '../../src/shared/contract/schemas/spaces';
import { ApiError, ErrorCode } from '../../src/shared/errors';
import { tempDir } from '../helpers/temp-dir';

// The building model on a real SQLite file: import, listing with the registry's points, checks and persistence.
let dir: string;
let file: string;
let db: Db;
let registry: Registry;
let spaces: SpaceDirectory;

function open(): void {
  db = openDatabase(file);
  registry = new Registry(db);
  spaces = new SpaceDirectory(new SpaceTable(db), registry);
}

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir, 'site.db');
  open();
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const storey = (id: string, name: string, elevationM: number): StoreyRecord => ({ id, name, elevationM, heightM: 3.5, geometryRef: null });
const space = (id: string, name: string, storeyId: string | null, extra: Partial<SpaceRecord> = {}): SpaceRecord => ({
  id,
  name,
  use: 'office',
  storeyId,
  parentId: null,
  areaM2: 42,
  footprint: null,
  geometryRef: null,
  ...extra,
});

/** Two storeys given top first, so that the order has to come from the elevations. */
const model: SpaceModel = {
  storeys: [storey('hq/f2', 'Second floor', 7.6), storey('hq/f1', 'First floor', 4)],
  spaces: [
    space('hq/f2/r201', 'Open office 201', 'hq/f2', { use: 'open-plan', areaM2: 126, footprint: [[0, 0], [6, 0], [6, 7], [0, 7]], geometryRef: '2O2Fr$t4X7Zf8NOew3FLOH' }),
    space('hq/f1/r110', 'Office 110', 'hq/f1'),
    space('hq/f1/r102', 'Meeting room Elm', 'hq/f1', { use: 'meeting' }),
  ],
};

function point(key: string, spaceId: string | null): number {
  const deviceKey = key.slice(0, key.lastIndexOf('/'));
  return registry.register({ key, deviceKey, spaceId }).id;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe('the building model', () => {
  it('lists storeys by elevation and spaces by storey, then by id in numeric order, with their points and devices', () => {
    expect(spaces.replaceModel('ifc', model)).toEqual({ storeys: 2, spaces: 3, removedStoreys: 0, removedSpaces: 0 });
    point('hq/f2/r201/sensor/temp', 'hq/f2/r201');
    point('hq/f2/r201/sensor/co2', 'hq/f2/r201');
    point('hq/f2/r201/vav/damper', 'hq/f2/r201');
    point('site/meter/power', null);

    const list = spaces.list({});
    expect(list.storeys).toEqual([
      { id: 'hq/f1', name: 'First floor', elevationM: 4, heightM: 3.5, order: 0, known: true },
      { id: 'hq/f2', name: 'Second floor', elevationM: 7.6, heightM: 3.5, order: 1, known: true },
    ]);
    expect(list.spaces.map((s) => s.id)).toEqual(['hq/f1/r102', 'hq/f1/r110', 'hq/f2/r201']);
    expect(list.spaces[2]).toEqual({
      id: 'hq/f2/r201',
      name: 'Open office 201',
      use: 'open-plan',
      storeyId: 'hq/f2',
      parentId: null,
      areaM2: 126,
      known: true,
      pointCount: 3,
      deviceCount: 2,
    });
    expect(list.spaces[0]).toMatchObject({ pointCount: 0, deviceCount: 0, known: true });
  });

  it('lists spaces that points name but the model does not know, by their id, on the storey or inside the space their id names', () => {
    spaces.replaceModel('ifc', model);
    point('hq/f2/r299/sensor/temp', 'hq/f2/r299');
    point('hq/f3/r301/sensor/temp', 'hq/f3/r301');
    point('hq/f2/r201/desk3/presence', 'hq/f2/r201/desk3');
    point('boiler-house/meter/gas', 'boiler-house');
    registry.ensureDevice('hq/f1/r150/gateway', 'Gateway', null, 'hq/f1/r150');

    const list = spaces.list({});
    expect(list.storeys.map((s) => [s.id, s.name, s.order, s.known, s.elevationM])).toEqual([
      ['hq/f1', 'First floor', 0, true, 4],
      ['hq/f2', 'Second floor', 1, true, 7.6],
      ['hq/f3', 'hq/f3', 2, false, null],
    ]);
    const byId = new Map(list.spaces.map((s) => [s.id, s]));
    expect(byId.get('hq/f2/r299')).toEqual({
      id: 'hq/f2/r299',
      name: 'hq/f2/r299',
      use: null,
      storeyId: 'hq/f2',
      parentId: null,
      areaM2: null,
      known: false,
      pointCount: 1,
      deviceCount: 1,
    });
    expect(byId.get('hq/f3/r301')).toMatchObject({ storeyId: 'hq/f3', known: false });
    expect(byId.get('hq/f2/r201/desk3')).toMatchObject({ storeyId: 'hq/f2', parentId: 'hq/f2/r201', known: false });
    // A device alone places a space too.
    expect(byId.get('hq/f1/r150')).toMatchObject({ known: false, pointCount: 0, deviceCount: 1 });
    // On no storey: listed after every storey's spaces.
    expect(list.spaces.at(-1)).toMatchObject({ id: 'boiler-house', storeyId: null, known: false });
  });

  it('filters by storey and by text on id, name or use', () => {
    spaces.replaceModel('ifc', model);
    point('hq/f3/r301/sensor/temp', 'hq/f3/r301');
    const f1 = spaces.list({ storey: 'hq/f1' });
    expect(f1.storeys.map((s) => s.id)).toEqual(['hq/f1']);
    expect(f1.spaces.map((s) => s.id)).toEqual(['hq/f1/r102', 'hq/f1/r110']);
    expect(spaces.list({ storey: 'hq/f3' }).spaces.map((s) => s.id)).toEqual(['hq/f3/r301']);
    expect(spaces.list({ text: 'ELM' }).spaces.map((s) => s.id)).toEqual(['hq/f1/r102']);
    expect(spaces.list({ text: 'open-plan' }).spaces.map((s) => s.id)).toEqual(['hq/f2/r201']);
    expect(spaces.list({ text: 'r30' }).spaces.map((s) => s.id)).toEqual(['hq/f3/r301']);
    // The storeys stay whole under a text filter, so the spaces found can be named with theirs.
    expect(spaces.list({ text: 'nothing like it' })).toEqual({ storeys: spaces.list({}).storeys, spaces: [] });
  });

  it('gives one space with its storey, footprint, geometry, point ids and devices', () => {
    spaces.replaceModel('ifc', model);
    const a = point('hq/f2/r201/sensor/temp', 'hq/f2/r201');
    const b = point('hq/f2/r201/sensor/co2', 'hq/f2/r201');
    // A point placed in the room whose device stands elsewhere brings its device along.
    registry.ensureDevice('hq/f2/plant/ahu', 'AHU 2', null, 'hq/f2/plant');
    const c = point('hq/f2/plant/ahu/zone-r201-temp', 'hq/f2/r201');
    const got = spaces.get('hq/f2/r201');
    expect(got.space).toMatchObject({ name: 'Open office 201', footprint: [[0, 0], [6, 0], [6, 7], [0, 7]], geometryRef: '2O2Fr$t4X7Zf8NOew3FLOH', pointCount: 3 });
    expect(got.storey).toMatchObject({ id: 'hq/f2', name: 'Second floor' });
    expect(got.points).toEqual([a, b, c].sort((x, y) => x - y));
    expect(got.devices.map((d) => d.key)).toEqual(['hq/f2/plant/ahu', 'hq/f2/r201/sensor']);

    point('hq/f9/x/sensor/temp', 'hq/f9/x');
    expect(spaces.get('hq/f9/x')).toMatchObject({ space: { known: false, footprint: null }, storey: { id: 'hq/f9', known: false } });
    const err = thrown(() => spaces.get('hq/f9/nowhere'));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(ErrorCode.NotFound);
    expect(err.message).toContain('hq/f9/nowhere');
  });
});

describe('importing the model again', () => {
  it('replaces what its source held and keeps the rows of other sources', () => {
    spaces.replaceModel('ifc', model);
    spaces.replaceModel('survey', { storeys: [storey('annex/g', 'Annex ground', 0)], spaces: [space('annex/g/a1', 'Annex room', 'annex/g')] });
    const next: SpaceModel = {
      storeys: [storey('hq/f1', 'Level 1', 4)],
      spaces: [space('hq/f1/r110', 'Office 110 (quiet)', 'hq/f1'), space('hq/f1/r120', 'Office 120', 'hq/f1')],
    };
    expect(spaces.replaceModel('ifc', next)).toEqual({ storeys: 1, spaces: 2, removedStoreys: 1, removedSpaces: 2 });
    const list = spaces.list({});
    expect(list.storeys.map((s) => s.name)).toEqual(['Annex ground', 'Level 1']);
    expect(list.spaces.map((s) => [s.id, s.name])).toEqual([
      ['annex/g/a1', 'Annex room'],
      ['hq/f1/r110', 'Office 110 (quiet)'],
      ['hq/f1/r120', 'Office 120'],
    ]);
  });

  it('keeps the model across a restart', () => {
    spaces.replaceModel('ifc', model);
    const before = spaces.list({});
    db.close();
    open();
    expect(spaces.list({})).toEqual(before);
    expect(spaces.get('hq/f2/r201').space.footprint).toEqual(model.spaces[0]!.footprint);
  });
});

describe('a bad model is refused whole, with every problem named, and nothing is written', () => {
  const refused = (source: string, bad: SpaceModel): string => {
    const before = spaces.list({});
    const err = thrown(() => spaces.replaceModel(source, bad));
    expect(spaces.list({})).toEqual(before);
    db.close();
    open();
    expect(spaces.list({})).toEqual(before);
    return err.message;
  };

  beforeEach(() => {
    spaces.replaceModel('ifc', model);
  });

  it('values out of their schema', () => {
    const bad = { storeys: [{ ...storey('x/1', 'One', Number.NaN) }], spaces: [{ ...space('x/1/a', '', 'x/1'), areaM2: -3, extra: 1 }] } as unknown as SpaceModel;
    const message = refused('ifc', bad);
    expect(message).toMatch(/^the building model from ifc is invalid: /);
    expect(message).toContain('storeys.0.elevationM');
    expect(message).toContain('spaces.0.name');
    expect(message).toContain('spaces.0.areaM2');
    expect(message).toContain('extra');
  });

  it('references that do not hold', () => {
    const message = refused('ifc', {
      storeys: [storey('hq/f1', 'First floor', 4), storey('hq/f1', 'Again', 4)],
      spaces: [
        space('hq/f1/a', 'A', 'hq/f9'),
        space('hq/f1/b', 'B', 'hq/f1', { parentId: 'hq/f1/c' }),
        space('hq/f1/c', 'C', 'hq/f1', { parentId: 'hq/f1/b' }),
        space('hq/f1/d', 'D', 'hq/f1', { parentId: 'hq/f1/zz' }),
        space('hq/f1/d', 'D again', 'hq/f1'),
      ],
    });
    expect(message).toMatch(/^the building model from ifc is inconsistent: /);
    for (const problem of [
      'storey hq/f1: listed twice',
      'space hq/f1/d: listed twice',
      'space hq/f1/a: unknown storey hq/f9',
      'space hq/f1/d: unknown parent hq/f1/zz',
      'space hq/f1/b: its parents form a loop',
    ]) {
      expect(message).toContain(problem);
    }
  });

  it('removing a storey that another source still names', () => {
    spaces.replaceModel('survey', { storeys: [], spaces: [space('hq/f2/r250', 'Survey room', 'hq/f2')] });
    const message = refused('ifc', { storeys: [storey('hq/f1', 'First floor', 4)], spaces: [] });
    expect(message).toContain('storey hq/f2 is still named by space hq/f2/r250 (from survey)');
  });
});
