import { describe, expect, it } from 'vitest';
import type { Space, Storey } from '../../src/shared/contract/schemas/spaces';
import { spaceIndex, spaceLabel, spaceName } from '../../src/renderer/state/space-names';

// Room names as the Points and Devices screens show them.
const storey = (id: string, name: string, known = true): Storey => ({ id, name, elevationM: null, heightM: null, order: 0, known });
const space = (id: string, name: string, storeyId: string | null, known = true): Space => ({
  id,
  name,
  use: null,
  storeyId,
  parentId: null,
  areaM2: null,
  known,
  pointCount: 1,
  deviceCount: 1,
});

const index = spaceIndex({
  storeys: [storey('hq/f1', 'First floor'), storey('hq/f9', 'hq/f9', false)],
  spaces: [
    space('hq/f1/r101', 'Open office 101', 'hq/f1'),
    space('hq/f1/corridor', 'Corridor, first floor', 'hq/f1'),
    space('hq/f9/r901', 'hq/f9/r901', 'hq/f9', false),
  ],
});

describe('space names', () => {
  it('names a room with its storey, unless the room’s name already says it', () => {
    expect(spaceName(index, 'hq/f1/r101')).toEqual({ name: 'Open office 101', storey: 'First floor', known: true });
    expect(spaceName(index, 'hq/f1/corridor')).toEqual({ name: 'Corridor, first floor', storey: null, known: true });
    expect(spaceLabel(index, 'hq/f1/corridor')).toBe('Corridor, first floor');
  });

  it('shows a space the model does not know by its id', () => {
    expect(spaceName(index, 'hq/f9/r901')).toEqual({ name: 'hq/f9/r901', storey: null, known: false });
    expect(spaceName(index, 'annex/hall')).toEqual({ name: 'annex/hall', storey: null, known: false });
    expect(spaceName(null, 'hq/f1/r101')).toEqual({ name: 'hq/f1/r101', storey: null, known: false });
  });
});
