#!/usr/bin/env node
// `npm run serve -- ...` and friends: builds what is stale, then runs the built `arxos` CLI
// in this process with the arguments given (`node scripts/run-cli.mjs serve --port 0`).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuild, projectRoot } from './ensure-build.mjs';

export const cliFile = path.join(projectRoot, 'out', 'cli', 'arxos.js');

/** Runs the CLI with the given arguments; it exits the process itself when the command ends. */
export async function runCli(args) {
  process.argv = [process.argv[0], cliFile, ...args];
  await import(pathToFileURL(cliFile).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    await ensureBuild();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
  await runCli(process.argv.slice(2));
}
