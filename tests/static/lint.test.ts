import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

describe('lint', () => {
  it('the whole tree passes', { timeout: 240_000 }, async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId ?? ''} ${m.message}`));
    expect(problems).toEqual([]);
  });
});

describe('the layering of DESIGN.md section 2 is enforced', () => {
  const cases: [file: string, code: string][] = [
    ['src/renderer/views/x.ts', "import { createCore } from '../../core/host';\nexport const f = createCore;\n"],
    ['src/renderer/views/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['src/core/x.ts', "import { app } from 'electron';\nexport const f = app;\n"],
    ['src/core/x.ts', "import React from 'react';\nexport const f = React;\n"],
    ['src/shared/x.ts', "import { createCore } from '../core/host';\nexport const f = createCore;\n"],
    ['src/core/x.ts', "import { main } from '../cli/arxos';\nexport const f = main;\n"],
    ['electron/main/x.ts', "import { App } from '../../src/renderer/App';\nexport const f = App;\n"],
  ];
  for (const [file, code] of cases) {
    it(`${file}: ${code.split('\n')[0]}`, async () => {
      const [result] = await eslint.lintText(code, { filePath: file });
      expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    });
  }

  it('allowed imports pass', async () => {
    const [result] = await eslint.lintText("import { methods } from '../shared/contract';\nexport const f = methods;\n", {
      filePath: 'src/core/x.ts',
    });
    expect(result!.messages).toEqual([]);
  });
});
