import type { Outdoor } from './weather';

/** Lumens per watt of daylight, a mid value between clear sun and overcast sky. */
const DAYLIGHT_EFFICACY_LM_PER_W = 115;
/** Blinds come down before the desk gets brighter than this. */
const DAYLIGHT_CAP_LX = 2500;
/** Dimmed lights do not go below this share of full output. */
const MIN_DIM = 0.2;

export interface LitSpace {
  areaM2: number;
  glazingM2: number;
  targetLx: number;
}

/** Daylight on the working plane, lx: a daylight factor that grows with the window-to-floor ratio. */
export function daylightLx(space: LitSpace, o: Pick<Outdoor, 'ghi'>): number {
  const daylightFactor = 0.12 * (space.glazingM2 / space.areaM2);
  return Math.min(DAYLIGHT_CAP_LX, daylightFactor * o.ghi * DAYLIGHT_EFFICACY_LM_PER_W);
}

/**
 * Lights on when wanted, dimmed by the daylight there is (daylight harvesting);
 * returns the output level 0..1 and the illuminance a sensor sees.
 */
export function lightingControl(space: LitSpace, daylight: number, wanted: boolean): { level: number; illuminanceLx: number } {
  if (!wanted || space.targetLx === 0) return { level: 0, illuminanceLx: daylight };
  const shortfall = (space.targetLx - daylight) / space.targetLx;
  const level = shortfall <= 0 ? 0 : Math.min(1, Math.max(MIN_DIM, shortfall));
  return { level, illuminanceLx: daylight + level * space.targetLx };
}
