import { ensureBuild } from '../scripts/ensure-build.mjs';

/** The browser tests run against the built app: build it once, before any test starts. */
export default async function setup(): Promise<void> {
  await ensureBuild();
}
