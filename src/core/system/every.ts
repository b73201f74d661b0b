import { errorText } from '../../shared/errors';

/** Runs `tick` every `ms` until the returned stop is called; a throwing tick is reported, not fatal. */
export function every(ms: number, what: string, tick: () => void): () => void {
  const timer = setInterval(() => {
    try {
      tick();
    } catch (err) {
      console.error(`arxos: ${what} failed: ${errorText(err)}`);
    }
  }, ms);
  return () => clearInterval(timer);
}
