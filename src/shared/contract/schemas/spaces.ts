import { z } from 'zod';
import { Id } from './common';

/**
 * The id of a space or storey. Points carry space ids as paths, `{building}/{storey}/{room}`
 * (`hq/f2/r201`), and a storey's id is its path (`hq/f2`); a model may use other ids too.
 */
export const SpaceId = z.string().min(1).max(400);

const Finite = z.number().finite();
/** A reference into the building's geometry: an IFC GlobalId or a glTF node name. */
const GeometryRef = z.string().min(1).max(200).nullable();

/** A polygon on the storey's floor, metres (x east, y north), counter-clockwise. */
export const Footprint = z.array(z.tuple([Finite, Finite])).min(3).max(10_000);
export type Footprint = z.infer<typeof Footprint>;

/**
 * A storey as a building model gives it (an IFC `IfcBuildingStorey`, the demo building's levels).
 * Written by the core's model import, never through the contract.
 */
export const StoreyRecord = z
  .object({
    id: SpaceId,
    name: z.string().min(1).max(200),
    /** Height of its floor above the building's reference level, metres (IFC `Elevation`). */
    elevationM: Finite,
    /** Floor to floor, metres, when the model says. */
    heightM: Finite.positive().nullable(),
    geometryRef: GeometryRef,
  })
  .strict();
export type StoreyRecord = z.infer<typeof StoreyRecord>;

/** A space as a building model gives it (an IFC `IfcSpace`, a room of the demo building). */
export const SpaceRecord = z
  .object({
    id: SpaceId,
    name: z.string().min(1).max(200),
    /** What the space is used for: `office`, `meeting`, `plant`... (IFC `ObjectType` or occupancy type). */
    use: z.string().min(1).max(64).nullable(),
    storeyId: SpaceId.nullable(),
    /** The space that encloses it (a zone, a suite), when the model has one. */
    parentId: SpaceId.nullable(),
    areaM2: Finite.min(0).nullable(),
    footprint: Footprint.nullable(),
    geometryRef: GeometryRef,
  })
  .strict();
export type SpaceRecord = z.infer<typeof SpaceRecord>;

/** Storeys and spaces of one source of the building model, replaced as a whole on each import. */
export const SpaceModel = z
  .object({
    storeys: z.array(StoreyRecord).max(1000),
    spaces: z.array(SpaceRecord).max(100_000),
  })
  .strict();
export type SpaceModel = z.infer<typeof SpaceModel>;

/**
 * A storey as the contract lists it. `known: false` for a storey that only the id of a space
 * not in the model names (`hq/f3` of `hq/f3/r301`): named by its id, without elevation.
 */
export const Storey = z.object({
  id: SpaceId,
  name: z.string(),
  elevationM: z.number().nullable(),
  heightM: z.number().nullable(),
  /** Position from the bottom (0 = lowest): by elevation, then storeys not in the model by id. */
  order: z.number().int().min(0),
  known: z.boolean(),
});
export type Storey = z.infer<typeof Storey>;

/**
 * A space as the contract lists it. Spaces that points or devices name but the building model
 * does not know (a site before its model is imported) are listed too, named by their id, with
 * `known: false` and the storey their id names.
 */
export const Space = z.object({
  id: SpaceId,
  name: z.string(),
  use: z.string().nullable(),
  storeyId: SpaceId.nullable(),
  parentId: SpaceId.nullable(),
  areaM2: z.number().nullable(),
  known: z.boolean(),
  pointCount: z.number().int().min(0),
  deviceCount: z.number().int().min(0),
});
export type Space = z.infer<typeof Space>;

export const SpacesListInput = z
  .object({
    /** Only the spaces on this storey (and only this storey). */
    storey: SpaceId.optional(),
    /** Case-insensitive match on the space's id, name or use. */
    text: z.string().max(200).optional(),
  })
  .strict()
  .optional()
  .default({});

export const SpacesListOutput = z.object({
  /** Every storey (or the one asked for), lowest first. */
  storeys: z.array(Storey),
  /** The matching spaces, by storey from the lowest, then by id. */
  spaces: z.array(Space),
});
export type SpacesListOutput = z.infer<typeof SpacesListOutput>;

export const SpacesGetInput = z.object({ id: SpaceId }).strict();

export const SpaceDevice = z.object({ id: Id, key: z.string(), name: z.string() });

export const SpacesGetOutput = z.object({
  space: Space.extend({
    footprint: Footprint.nullable(),
    geometryRef: z.string().nullable(),
  }),
  storey: Storey.nullable(),
  /** Ids of the points placed in the space. */
  points: z.array(Id),
  /** Devices placed in the space, or with a point in it. */
  devices: z.array(SpaceDevice),
});
export type SpacesGetOutput = z.infer<typeof SpacesGetOutput>;
