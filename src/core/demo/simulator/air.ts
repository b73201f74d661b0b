/** Volumetric heat capacity of air: ρ·cp = 1.2 kg/m³ × 1005 J/(kg·K), per m³/h of flow, in W/K. */
export const AIR_W_PER_M3H_K = (1.2 * 1005) / 3600;
export const AIR_DENSITY = 1.2;

/**
 * Exact step of dx/dt = k·(target − x) over dt: stable for any step length, so a fast-forwarded
 * simulation can take long steps without blowing up.
 */
export function relax(x: number, target: number, ratePerS: number, dtS: number): number {
  return target + (x - target) * Math.exp(-ratePerS * dtS);
}
