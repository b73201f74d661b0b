import fs from 'node:fs';
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config';

const readme = fs.readFileSync('README.md', 'utf8');

it('the configuration example in the README is a valid configuration', () => {
  const example = /## Configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const config = parseConfig({ ...JSON.parse(example!), dataDir: 'data' }, 'the README example');
  expect(config.brokers.length).toBeGreaterThan(0);
});

it('the README gives the two set-up commands, and they exist', () => {
  expect(readme).toContain('npm install && npm start');
  expect(readme).toContain('npm test');
  const scripts = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  for (const name of ['start', 'test', 'serve', 'dist', 'bench:ingest', 'bench:history']) expect(scripts[name]).toBeDefined();
});
