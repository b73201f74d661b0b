import { describe, expect, it } from 'vitest';
import type { Point } from '../../src/shared/contract/schemas/points';
import { buildingModel, co2Level, comfortOf } from '../../src/renderer/views/building/building-model';

let nextId = 1;
const point = (key: string, tags: string[], extra: Partial<Point> = {}): Point => {
  const parts = key.split('/');
  return {
    id: nextId++,
    key,
    name: parts.at(-1)!,
    deviceId: 1,
    deviceKey: parts.slice(0, -1).join('/'),
    kind: 'sensor',
    valueType: 'number',
    unit: null,
    tags,
    spaceId: parts.slice(0, 3).join('/'),
    ...extra,
  };
};

/** Tagged as the demo building tags its points. */
const points = [
  point('hq/f1/r101/sensor/temp', ['zone', 'air', 'temp', 'sensor'], { unit: '°C' }),
  point('hq/f1/r101/sensor/co2', ['zone', 'air', 'co2', 'sensor'], { unit: 'ppm' }),
  point('hq/f1/r101/sensor/occupancy', ['zone', 'occupancy', 'sensor']),
  point('hq/f1/r101/vav/setpoint', ['vav', 'zone', 'air', 'temp', 'sp'], { kind: 'setpoint', unit: '°C' }),
  point('hq/f1/r101/vav/damper', ['vav', 'damper', 'cmd'], { kind: 'status', unit: '%' }),
  point('hq/f0/r001/sensor/temp', ['zone', 'air', 'temp', 'sensor'], { unit: '°C' }),
  point('hq/f2/r201/sensor/humidity', ['zone', 'air', 'humidity', 'sensor'], { unit: '%RH' }),
  point('hq/f2/r201/sensor/temp', ['zone', 'air', 'temp', 'sensor'], { unit: '°C' }),
  // A plant room with only equipment air temperatures, and the roof with the weather station: not rooms.
  point('hq/f0/plant/ahu/supplyTemp', ['ahu', 'discharge', 'air', 'temp', 'sensor'], { unit: '°C' }),
  point('hq/roof/deck/weather/temp', ['weather', 'outside', 'air', 'temp', 'sensor'], { unit: '°C' }),
  point('site/meter/power', ['elec', 'power'], { spaceId: null }),
];

describe('building overview model', () => {
  const model = buildingModel(points);

  it('orders storeys top first and picks each room reading by its tags', () => {
    expect(model.storeys.map((s) => s.label)).toEqual(['f2', 'f1', 'f0']);
    const r101 = model.storeys[1]!.rooms[0]!;
    expect(r101.label).toBe('r101');
    expect(r101.temperature?.key).toBe('hq/f1/r101/sensor/temp');
    expect(r101.setpoint?.key).toBe('hq/f1/r101/vav/setpoint');
    expect(r101.co2?.key).toBe('hq/f1/r101/sensor/co2');
    expect(r101.occupancy?.key).toBe('hq/f1/r101/sensor/occupancy');
    expect(r101.humidity).toBeNull();
    expect(r101.points).toBe(5);
    expect(model.storeys[0]!.rooms[0]!.humidity?.key).toBe('hq/f2/r201/sensor/humidity');
  });

  it('leaves spaces without room readings, and points without a space, to the Points screen', () => {
    expect(model.otherSpaces).toBe(2);
    expect(model.unplaced).toBe(1);
  });

  it('judges comfort against the band and CO2 against its limits', () => {
    expect([17.5, 19.5, 22, 24.5, 26.5].map((t) => comfortOf(t))).toEqual(['cold', 'cool', 'ok', 'warm', 'hot']);
    expect([800, 1200, 1500].map(co2Level)).toEqual(['good', 'uncertain', 'bad']);
  });
});
