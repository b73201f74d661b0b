import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoBuilding } from '../../src/core/demo/building';
import { demoSiteSpecs } from '../../src/core/demo/simulator/sparkplug-plant';
import { launchBrowser } from '../helpers/browser';
import { startServe, type ServeProcess } from '../helpers/serve-process';

// The Building screen in a real browser against `arxos serve` (demo site): room and storey names from the contract.
const SHOTS = path.join('test-results', 'screenshots');
const building = loadDemoBuilding();

let serve: ServeProcess;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  [serve, browser] = await Promise.all([startServe(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const tile = (spaceId: string) => page.locator(`[data-testid=room-tile][data-space-id="${spaceId}"]`);

describe('the Building screen', () => {
  it('names the storeys, top first, with their elevation', async () => {
    await page.goto(serve.url.toString());
    await page.click('[data-testid=nav-building]');
    await page.locator('[data-testid=storey]').first().waitFor({ timeout: 15_000 });
    const storeys = building.levels.filter((l) => building.spaces.some((s) => s.level === l.key && s.kind !== 'roof')).reverse();
    expect(await page.locator('[data-testid=storey-name]').allTextContents()).toEqual(storeys.map((l) => l.name));
    expect(await page.locator('[data-storey-id="hq/f2"] .storey-elevation').textContent()).toBe('+7.6 m');
  });

  it('names every room tile as the building model does, with its id in the tooltip', async () => {
    const rooms = building.spaces.filter((s) => s.kind !== 'roof');
    await expect.poll(() => page.locator('[data-testid=room-tile]').count()).toBe(rooms.length);
    for (const room of rooms) expect(await tile(room.id).locator('[data-testid=room-name]').textContent()).toBe(room.name);
    const points = demoSiteSpecs(building).filter((p) => p.spaceId === 'hq/f2/r201').length;
    expect(await tile('hq/f2/r201').getAttribute('title')).toBe(`Open office 201 (hq/f2/r201, open-plan, 126 m²): open its ${points} points`);
    // The screenshot shows the rooms live: wait until every room has its first temperature.
    await expect.poll(() => page.locator('[data-testid=room-temperature] .room-temp-value').count(), { timeout: 15_000 }).toBe(rooms.length);
    await page.screenshot({ path: path.join(SHOTS, 'building-spaces.png') });
  });

  it('opens the Points screen on the room’s points', async () => {
    await tile('hq/f1/r104').click();
    await page.locator('[data-testid=screen-points]').waitFor();
    const rows = page.locator('[data-testid=points-row]');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const keys = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-point-key')));
    expect(keys.every((k) => k?.startsWith('hq/f1/r104/'))).toBe(true);
  });

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([]);
  });
});
