import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from './api-docs';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'api.md');
fs.writeFileSync(file, renderApiDocs());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
