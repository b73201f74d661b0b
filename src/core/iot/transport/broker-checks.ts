import fs from 'node:fs';
import path from 'node:path';
import type { BrokerConfig } from '../../../shared/contract/schemas/brokers';
import { LinkSettingsError, readTlsFiles } from './broker-options';
import { compileMapping, MappingError } from '../protocols/json/mapping';

/** A setting that cannot work, with the path of its field, as the dispatcher reports input errors. */
export interface SettingIssue {
  path: string[];
  message: string;
}

const TLS_FILES = [
  ['caFile', 'CA file'],
  ['certFile', 'client certificate'],
  ['keyFile', 'client key'],
] as const;

function fileProblem(file: string): string | null {
  if (!path.isAbsolute(file)) return `give the full path of the file (${file} is relative)`;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return `${file} is not a file`;
    fs.accessSync(file, fs.constants.R_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `no such file: ${file}` : code === 'EACCES' ? `the core may not read ${file}` : `${file}: ${(err as Error).message}`;
  }
}

/**
 * What the schema cannot check of settings about to be saved: that the TLS files exist and hold what
 * they should, and that every mapping compiles. The link would otherwise only fail once it connects.
 */
export function settingsIssues(config: BrokerConfig): SettingIssue[] {
  const issues: SettingIssue[] = [];
  if (config.password !== undefined && config.username === undefined) {
    issues.push({ path: ['username'], message: 'a password needs a user name' });
  }
  config.mappings.forEach((m, i) => {
    try {
      compileMapping(m);
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      issues.push({ path: ['mappings', String(i), err.field], message: err.message });
    }
  });
  const tls = config.tls;
  if (tls === undefined) return issues;
  const before = issues.length;
  for (const [field, what] of TLS_FILES) {
    const file = tls[field];
    if (file === undefined) continue;
    const problem = fileProblem(file);
    if (problem !== null) issues.push({ path: ['tls', field], message: `${what}: ${problem}` });
  }
  if (issues.length > before) return issues;
  try {
    readTlsFiles(config);
  } catch (err) {
    if (!(err instanceof LinkSettingsError)) throw err;
    issues.push({ path: ['tls'], message: err.message });
  }
  return issues;
}
