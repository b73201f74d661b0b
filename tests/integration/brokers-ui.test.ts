import path from 'node:path';
import mqtt from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleSession, SHOTS, type ConsoleSession } from '../helpers/console-session';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto';
import type { ServeProcess } from '../helpers/serve-process';

// Settings → Brokers in a real browser against `arxos serve` (demo site), adding a link to a real mosquitto.
const PASSWORD = 'ui-pass-31d7';

let session: ConsoleSession;
let serve: ServeProcess;
let broker: Mosquitto;
let page: Page;
let problems: string[];

beforeAll(async () => {
  [session, broker] = await Promise.all([openConsoleSession({ width: 1600, height: 1000 }), startMosquitto({ users: { arxos: PASSWORD } })]);
  ({ serve, page, problems } = session);
});

afterAll(async () => {
  await session?.close();
  await broker?.close();
});

const row = (id: string) => page.locator(`[data-testid=broker-row][data-broker-id="${id}"]`);

describe('Settings → Brokers', () => {
  it('lists the embedded demo broker, read-only, with its state', async () => {
    await page.goto(serve.url.toString());
    await page.click('[data-testid=nav-settings]');
    await row('embedded').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=broker-row][data-broker-id=embedded][data-state=up]').waitFor({ timeout: 15_000 });
    expect(await row('embedded').textContent()).toContain('part of the demo site');
    expect(await row('embedded').locator('[data-testid=broker-edit]').count()).toBe(0);
  });

  it('checks the form with the contract’s schema and shows the error beside the field', async () => {
    await page.click('[data-testid=broker-add]');
    await page.fill('[data-testid=broker-field-id]', 'Bad Id');
    await page.click('[data-testid=broker-save]');
    expect(await page.locator('[data-testid=broker-field-id-error]').textContent()).toContain('lower-case letters, digits, - and _');
    expect(await page.locator('[data-testid=broker-field-name-error]').count()).toBe(1);
  });

  it('tests the connection and shows each step in words', async () => {
    await page.fill('[data-testid=broker-field-id]', 'site');
    await page.fill('[data-testid=broker-field-name]', 'Site broker');
    await page.fill('[data-testid=broker-field-url]', broker.url);
    await page.fill('[data-testid=broker-field-username]', 'arxos');
    await page.fill('[data-testid=broker-field-password]', 'wrong');
    await page.click('[data-testid=broker-form-test]');
    const result = page.locator('[data-testid=broker-test-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('false');
    expect(await result.textContent()).toMatch(/user name or password|not authorised/);
    await page.fill('[data-testid=broker-field-password]', PASSWORD);
    await page.click('[data-testid=broker-form-test]');
    await page.locator('[data-testid=broker-test-result][data-ok=true]').waitFor();
    await page.locator('[data-testid=broker-form]').screenshot({ path: path.join(SHOTS, 'brokers-form-tested.png') });
    expect(await page.locator('[data-testid=broker-test-result] li').count()).toBeGreaterThanOrEqual(4);
  });

  it('edits a mapping with a live preview computed by the core', async () => {
    await page.click('[data-testid=mapping-add]');
    await page.fill('[data-testid=mapping-0-topic]', 'ui/{floor}/{device}');
    await page.fill('[data-testid=mapping-0-device]', '{room}');
    expect(await page.locator('[data-testid=mapping-0-device-error]').textContent()).toContain('uses {room}, which is not captured');
    await page.fill('[data-testid=mapping-0-device]', '{floor}/{device}');
    await page.click('[data-testid=mapping-0-points-keys]');
    await page.fill('[data-testid=mapping-0-units]', 'temperature=°C, humidity=%RH');
    await page.fill('[data-testid=mapping-preview-topic]', 'ui/f3/th-1');
    await page.fill('[data-testid=mapping-preview-payload]', '{"temperature": "21.5", "humidity": 40, "battery": 97}');
    const readings = page.locator('[data-testid=mapping-preview-readings] tbody tr');
    await expect.poll(() => readings.count(), { timeout: 5000 }).toBe(3);
    expect(await readings.first().getAttribute('data-point-key')).toBe('f3/th-1/temperature');
    expect(await readings.first().textContent()).toContain('°C');
    await page.locator('[data-testid=mapping-editor]').screenshot({ path: path.join(SHOTS, 'brokers-mapping-preview.png') });
    await page.fill('[data-testid=mapping-preview-payload]', '{"temperature": ');
    await expect.poll(() => page.locator('[data-testid=mapping-preview-error]').textContent(), { timeout: 5000 }).toContain('not valid JSON');
  });

  it('saves: the link comes up at once and its devices are read', async () => {
    await page.screenshot({ path: path.join(SHOTS, 'brokers-form.png'), fullPage: true });
    await page.click('[data-testid=broker-save]');
    await page.locator('[data-testid=broker-row][data-broker-id=site][data-state=up]').waitFor({ timeout: 15_000 });
    const publisher = await mqtt.connectAsync(broker.url, { clientId: 'ui-publisher', username: 'arxos', password: PASSWORD });
    await publisher.publishAsync('ui/f3/th-1', JSON.stringify({ temperature: 22.5, humidity: 41 }), { qos: 1 });
    await publisher.endAsync();
    await page.click('[data-testid=nav-points]');
    await page.fill('[data-testid=points-filter]', 'f3/th-1');
    await expect.poll(() => page.locator('[data-testid=points-row]').count(), { timeout: 10_000 }).toBe(2);
    await page.click('[data-testid=nav-settings]');
    await row('site').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'brokers-list.png'), fullPage: true });
  });

  it('edits without retyping the password, which stays stored', async () => {
    await row('site').locator('[data-testid=broker-edit]').click();
    expect(await page.locator('[data-testid=broker-field-password]').getAttribute('placeholder')).toContain('stored');
    expect(await page.locator('[data-testid=broker-field-id]').isDisabled()).toBe(true);
    await page.fill('[data-testid=broker-field-name]', 'Site broker (east)');
    await page.click('[data-testid=broker-save]');
    // The row is up before and after the save: wait for the list to show the saved name, then for the link.
    await expect.poll(() => row('site').textContent(), { timeout: 15_000 }).toContain('Site broker (east)');
    await page.locator('[data-testid=broker-row][data-broker-id=site][data-state=up]').waitFor({ timeout: 15_000 });
  });

  it('removes a link only after confirmation', async () => {
    await row('site').locator('[data-testid=broker-remove]').click();
    await page.locator('[data-testid=broker-remove-confirm]').waitFor();
    await page.click('[data-testid=broker-remove-no]');
    expect(await row('site').count()).toBe(1);
    await row('site').locator('[data-testid=broker-remove]').click();
    await page.click('[data-testid=broker-remove-yes]');
    await expect.poll(() => row('site').count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid=brokers-notice]').textContent(), { timeout: 5000 }).toContain('removed');
    await expect.poll(() => page.locator('[data-testid=status-broker]').count(), { timeout: 5000 }).toBe(1);
  });

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([]);
  });
});
