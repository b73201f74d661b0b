import type { Space, SpacesListOutput, Storey } from '../../shared/contract/schemas/spaces';

/** The building model's storeys and spaces by id, as `spaces.list` gives them. */
export interface SpaceIndex {
  storeys: ReadonlyMap<string, Storey>;
  spaces: ReadonlyMap<string, Space>;
}

export function spaceIndex(list: SpacesListOutput): SpaceIndex {
  return { storeys: new Map(list.storeys.map((s) => [s.id, s])), spaces: new Map(list.spaces.map((s) => [s.id, s])) };
}

/** A space as an operator names it: the room and its storey, or only its id when the model does not know it. */
export interface SpaceName {
  name: string;
  /** Null when the model knows no storey for it, or the room's name already says it ("Corridor, first floor"). */
  storey: string | null;
  known: boolean;
}

export function spaceName(index: SpaceIndex | null, spaceId: string): SpaceName {
  const space = index?.spaces.get(spaceId);
  if (!space?.known) return { name: spaceId, storey: null, known: false };
  const storey = space.storeyId === null ? undefined : index?.storeys.get(space.storeyId);
  const named = storey?.known && !space.name.toLowerCase().includes(storey.name.toLowerCase());
  return { name: space.name, storey: named ? storey.name : null, known: true };
}

/**
 * What an operator calls a space: "Office 201 · Second floor". A space the model does not know
 * (or not yet) is shown by its id, which is all there is to say of it.
 */
export function spaceLabel(index: SpaceIndex | null, spaceId: string): string {
  const { name, storey } = spaceName(index, spaceId);
  return storey ? `${name} · ${storey}` : name;
}
