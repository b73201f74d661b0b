import type { Space, SpacesListOutput, Storey } from '../../shared/contract/schemas/spaces';

/** The building model's storeys and spaces by id, as `spaces.list` gives them. */
export interface SpaceIndex {
  storeys: ReadonlyMap<string, Storey>;
  spaces: ReadonlyMap<string, Space>;
}

export function spaceIndex(list: SpacesListOutput): SpaceIndex {
  return { storeys: new Map(list.storeys.map((s) => [s.id, s])), spaces: new Map(list.spaces.map((s) => [s.id, s])) };
}

/**
 * What an operator calls a space: "Office 201 · Second floor". A space the model does not know
 * (or not yet) is shown by its id, which is all there is to say of it.
 */
export function spaceLabel(index: SpaceIndex | null, spaceId: string): string {
  const space = index?.spaces.get(spaceId);
  if (!space?.known) return spaceId;
  const storey = space.storeyId === null ? undefined : index?.storeys.get(space.storeyId);
  return storey?.known ? `${space.name} · ${storey.name}` : space.name;
}
