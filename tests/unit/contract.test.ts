import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../src/shared/contract';
import { ErrorCode } from '../../src/shared/errors';
import { failure } from '../helpers/api-failure';
import { admin, startTempCore, viewer } from '../helpers/temp-core';

let env: Awaited<ReturnType<typeof startTempCore>>;
beforeAll(async () => {
  env = await startTempCore();
});
afterAll(() => env.close());

describe('every method refuses bad input with a typed error', () => {
  for (const name of methodNames) {
    it(`${name}: wrong type`, async () => {
      const err = await failure(env.core.dispatcher.call({ session: admin }, name, 42));
      expect(err.code).toBe(ErrorCode.InvalidParams);
      expect(err.message).toMatch(new RegExp(`^invalid params for ${name.replace('.', '\\.')}: `));
    });
    it(`${name}: unknown field is named`, async () => {
      const err = await failure(env.core.dispatcher.call({ session: admin }, name, { bogusField: 1 }));
      expect(err.code).toBe(ErrorCode.InvalidParams);
      expect(err.message).toContain('bogusField');
    });
  }
});

describe('field errors name the field', () => {
  it('history.query maxPoints too big', async () => {
    const err = await failure(
      env.core.dispatcher.call({ session: admin }, 'history.query', { point: 1, from: 0, to: 10, maxPoints: 1e9 }),
    );
    expect(err.message).toContain('maxPoints');
    expect(err.data).toMatchObject({ issues: [{ path: ['maxPoints'] }] });
  });
  it('history.query from after to', async () => {
    const err = await failure(env.core.dispatcher.call({ session: admin }, 'history.query', { point: 1, from: 10, to: 5 }));
    expect(err.message).toContain('from: from must be before to');
  });
  it('points.latest ids of the wrong type', async () => {
    const err = await failure(env.core.dispatcher.call({ session: admin }, 'points.latest', { ids: ['a'] }));
    expect(err.message).toContain('ids.0');
  });
  it('events.subscribe with an unknown event', async () => {
    const err = await failure(env.core.dispatcher.call({ session: admin }, 'events.subscribe', { events: ['nope'] }));
    expect(err.message).toContain('events.0');
  });
});

describe('dispatch', () => {
  it('unknown method', async () => {
    const err = await failure(env.core.dispatcher.call({ session: admin }, 'no.such', {}));
    expect(err.code).toBe(ErrorCode.MethodNotFound);
  });
  it('events need a transport that carries them', async () => {
    const err = await failure(env.core.dispatcher.call({ session: admin }, 'events.subscribe', { events: ['system.status'] }));
    expect(err.code).toBe(ErrorCode.InvalidRequest);
  });
  it('a missing point is NotFound', async () => {
    const err = await failure(env.core.call(admin, 'history.query', { point: 999, from: 0, to: 1000 }));
    expect(err.code).toBe(ErrorCode.NotFound);
  });
  it('input may be left out where the contract allows', async () => {
    const health = await env.core.call(viewer, 'system.health');
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
    const list = await env.core.call(viewer, 'points.list', null);
    expect(list).toEqual({ points: [], total: 0 });
  });
});
