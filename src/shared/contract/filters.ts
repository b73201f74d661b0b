import { z } from 'zod';
import type { EventFilter } from './define';
import { Id } from './schemas/common';

export const IdsFilterInput = z.object({ ids: z.array(Id).max(100_000) }).strict();
export type IdsFilterInput = z.infer<typeof IdsFilterInput>;

type WithList<K extends string> = { [k in K]: readonly { id: number }[] };

/**
 * Narrows a payload that carries a list of items with ids (`{ values: [{ id, ... }] }`) to some ids:
 * the filter of `points.changed`, `devices.changed` and every event shaped like them.
 */
export function idsFilter<S extends z.ZodType<WithList<K>>, K extends string>(_payload: S, list: K): EventFilter<z.output<S>, IdsFilterInput, ReadonlySet<number>> {
  return {
    input: IdsFilterInput,
    compile: (f) => new Set(f.ids),
    apply(payload, ids) {
      const items = payload[list].filter((item) => ids.has(item.id));
      if (items.length === 0) return null;
      return items.length === payload[list].length ? payload : { ...payload, [list]: items };
    },
    union: (a, b) => ({ ids: [...new Set([...a.ids, ...b.ids])] }),
  };
}
