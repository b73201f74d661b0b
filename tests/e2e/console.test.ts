import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens } from '../../src/renderer/navigation/routes';
import { openConsoleSession, SHOTS, type ConsoleSession } from '../helpers/console-session';
import type { ServeProcess } from '../helpers/serve-process';

let session: ConsoleSession;
let serve: ServeProcess;
let browser: Browser;
let page: Page;
let problems: string[];

beforeAll(async () => {
  session = await openConsoleSession({ width: 1920, height: 1080 });
  ({ serve, browser, page, problems } = session);
});

afterAll(() => session?.close());

/** The values of the point rows on screen, by point key. */
async function visibleValues(p: Page): Promise<Map<string, string>> {
  const rows = await p.locator('[data-testid=points-row]').evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-point-key') ?? '', el.querySelector('[data-testid=point-value]')?.textContent ?? '']),
  );
  return new Map(rows as [string, string][]);
}

describe('the console in a real browser against serve mode', () => {
  it('loads with the token from the printed URL and connects', async () => {
    await page.goto(serve.url.toString());
    await page.locator('[data-testid=status-connection][data-state=open]').waitFor({ timeout: 15_000 });
    // The token is taken out of the address bar once remembered.
    expect(page.url()).not.toContain('token=');
    await page.locator('[data-testid=status-broker][data-state=up]').first().waitFor({ timeout: 15_000 });
  });

  it('shows a live value changing within 3 s', async () => {
    await page.click('[data-testid=nav-points]');
    await page.locator('[data-testid=points-row]').first().waitFor();
    const before = await visibleValues(page);
    expect(before.size).toBeGreaterThan(5);
    await expect
      .poll(
        async () => {
          const now = await visibleValues(page);
          return [...now].some(([key, v]) => before.has(key) && before.get(key) !== v);
        },
        { timeout: 3000, interval: 100 },
      )
      .toBe(true);
  });

  it('filters the points and opens a point with its history', async () => {
    await page.fill('[data-testid=points-filter]', 'elec-meter');
    await expect.poll(() => page.locator('[data-testid=points-row]').count()).toBe(2);
    await page.locator('[data-testid=points-row][data-point-key$="elec-meter/energy"]').click();
    await page.locator('[data-testid=history-chart]').waitFor();
    expect(await page.locator('[data-testid=point-detail]').textContent()).toContain('kWh');
    await page.screenshot({ path: path.join(SHOTS, 'points-detail.png') });
    await page.click('[data-testid=detail-close]');
    await page.fill('[data-testid=points-filter]', '');
  });

  it('every screen renders; unbuilt screens say so plainly', async () => {
    for (const { id } of screens) {
      await page.click(`[data-testid=nav-${id}]`);
      await page.locator(`[data-testid=screen-${id}]`).waitFor();
      await expect.poll(() => page.locator(`[data-testid=nav-${id}]`).getAttribute('aria-current')).toBe('page');
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(SHOTS, `${id}.png`) });
    }
    await page.click('[data-testid=nav-building]');
    expect(await page.locator('[data-testid=room-tile]').count()).toBeGreaterThanOrEqual(30);
  });

  it('the status bar shows the broker link and a live ingest rate', async () => {
    const rate = page.locator('[data-testid=status-ingest-rate]');
    await expect.poll(async () => Number((await rate.textContent())?.match(/[\d.]+/)?.[0] ?? 0), { timeout: 5000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=status-demo]').count()).toBe(1);
  });

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([]);
  });
});

describe('access control in the browser', () => {
  it('refuses a wrong token, asks for one, and remembers the right one', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await context.newPage();
    const base = new URL(serve.url);
    base.search = '';
    base.searchParams.set('token', 'wrong-token');
    await p.goto(base.toString());
    await p.locator('[data-testid=token-prompt]').waitFor();
    expect(await p.locator('[data-testid=token-reason]').textContent()).toMatch(/refused/i);
    await p.fill('[data-testid=token-input]', 'still-wrong');
    await p.click('[data-testid=token-submit]');
    await p.locator('[data-testid=token-error]').waitFor();
    await p.screenshot({ path: path.join(SHOTS, 'token-prompt.png') });
    await p.fill('[data-testid=token-input]', serve.token);
    await p.click('[data-testid=token-submit]');
    await p.locator('[data-testid=status-connection][data-state=open]').waitFor({ timeout: 15_000 });
    base.search = '';
    await p.goto(base.toString());
    await p.locator('[data-testid=status-connection][data-state=open]').waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('refuses the WebSocket upgrade with a wrong token or none (HTTP 401)', async () => {
    for (const query of ['', '?token=wrong-token']) {
      const url = new URL(`/rpc${query}`, serve.url);
      url.protocol = 'ws:';
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => reject(new Error('the upgrade was accepted')));
        ws.on('error', () => undefined);
      });
      expect(status).toBe(401);
    }
  });
});
