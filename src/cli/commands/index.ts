import type { Command } from '../command';
import { serve } from './serve';

/** Every `arxos` command; `import`, `report`, `users` and `backup` join this list as they are written. */
export const commands: readonly Command[] = [serve];
