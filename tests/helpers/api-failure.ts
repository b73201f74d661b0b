import { expect } from 'vitest';
import { ApiError } from '../../src/shared/errors';

/** The ApiError a call fails with; the test fails when the call succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected the call to fail');
}
