/**
 * Items changed or added replace their old entry by id; with `order`, the list is sorted again
 * when an item was added (a change in place keeps the order the screen shows).
 */
export function mergeById<T extends { id: number }>(current: readonly T[], changed: readonly T[], order?: (a: T, b: T) => number): T[] {
  const byId = new Map(current.map((item) => [item.id, item]));
  let added = false;
  for (const item of changed) {
    if (!byId.has(item.id)) added = true;
    byId.set(item.id, item);
  }
  const out = [...byId.values()];
  if (added && order !== undefined) out.sort(order);
  return out;
}
