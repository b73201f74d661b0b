import fs from 'node:fs';
import { expect, it } from 'vitest';
import { renderApiDocs } from '../../scripts/api-docs';

it('docs/api.md matches the contract (run `npm run docs:api` after changing it)', () => {
  expect(fs.readFileSync('docs/api.md', 'utf8')).toBe(renderApiDocs());
});
