import fs from 'node:fs';
import path from 'node:path';
import pkg from '../../../package.json';
import { loadConfigFile, parseConfig, type CoreConfig } from '../../core/config';
import { startConsoleServer } from '../../core/console/console-server';
import { createCore } from '../../core/host';
import { helpOption, type Command } from '../command';
import { defaultDataDir } from '../data-dir';
import { parseOptions, type OptionSpec } from '../options';
import { rendererDir } from '../paths';
import { UsageError } from '../usage-error';

/** The console's port unless `--port` says otherwise; fixed so a headset's bookmark keeps working. */
export const DEFAULT_PORT = 7420;
export const DEFAULT_HOST = '127.0.0.1';

const options: readonly OptionSpec[] = [
  { name: 'data-dir', value: 'DIR', description: `site database, access token and certificate (default: ${defaultDataDir()})` },
  { name: 'host', value: 'H', description: `address to listen on (default: ${DEFAULT_HOST}); any non-loopback address is served over TLS` },
  { name: 'port', value: 'N', description: `port to listen on (default: ${DEFAULT_PORT}; 0 picks a free port)` },
  { name: 'config', value: 'FILE', description: 'JSON configuration: site, brokers, demo, ingest (see README)' },
  helpOption,
];

export const serve: Command = {
  name: 'serve',
  summary: 'run the core and serve the console (UI and JSON-RPC contract) over HTTP(S) and WebSocket',
  details: [
    'Runs the core in plain Node and serves the user interface plus the contract (JSON-RPC 2.0 over',
    'a WebSocket at /rpc). The printed URL carries the access token, kept in DIR/console.token.',
    'Stop with Ctrl+C (SIGINT) or SIGTERM: pending samples are written before the process exits.',
  ].join('\n'),
  options,
  async run(argv) {
    const { values } = parseOptions('serve', options, argv);
    const port = parsePort(values.port);
    const host = values.host ?? DEFAULT_HOST;
    const config = loadConfig(values['data-dir'], values.config);

    const core = createCore(config);
    await core.start();
    let server;
    try {
      server = await startConsoleServer({ core, dataDir: config.dataDir, rendererDir, host, port });
    } catch (err) {
      await core.stop();
      throw err;
    }

    const lines = [
      `Arxos Control Room ${pkg.version}: serve mode`,
      `  data dir  ${config.dataDir}`,
      ...server.urls.map((u) => `  console   ${u}`),
    ];
    if (server.tls) {
      const how = server.tls.generated ? `new self-signed certificate (${server.tls.generated})` : 'self-signed certificate';
      lines.push(`  tls       ${how}, SHA-256 ${server.tls.fingerprint256}`);
    }
    for (const b of core.health().brokers) {
      if (b.embedded) lines.push(`  broker    ${b.url} (embedded; publish with: mosquitto_pub -L ${b.url}/<topic> -m <payload>)`);
    }
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      lines.push('  note      the user interface is not built (run `npm run build`); the contract at /rpc works');
    }
    lines.push('Press Ctrl+C to stop.');
    console.log(lines.join('\n'));

    return await untilSignal(async () => {
      await server.stop();
      await core.stop();
    });
  },
};

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535 (0 picks a free port), not ${JSON.stringify(text)}`, 'serve');
  return n;
}

/** The data dir on the command line wins over the configuration file's, which wins over the default. */
function loadConfig(dataDirFlag: string | undefined, configFile: string | undefined): CoreConfig {
  const flag = dataDirFlag !== undefined ? { dataDir: path.resolve(dataDirFlag) } : {};
  const config = configFile
    ? loadConfigFile(path.resolve(configFile), flag, { dataDir: defaultDataDir() })
    : parseConfig({ dataDir: defaultDataDir(), ...flag });
  return { ...config, dataDir: path.resolve(config.dataDir) };
}

/** Waits for SIGINT or SIGTERM, stops cleanly, resolves with the exit code. A second signal forces the exit. */
function untilSignal(stop: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`${signal} again: exiting without waiting for the stop to finish`);
        process.exit(1);
      }
      stopping = true;
      console.log(`${signal}: stopping (writing pending samples)...`);
      stop().then(
        () => {
          console.log('stopped');
          resolve(0);
        },
        (err: Error) => {
          console.error(`stop failed: ${err.message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
