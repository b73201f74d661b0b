import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tempDir } from './temp-dir';

const MOSQUITTO = '/usr/sbin/mosquitto';
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface MosquittoOptions {
  /** Adds a TLS listener with these files; clients must show a certificate the CA signed when `requireCertificate`. */
  tls?: { caFile: string; certFile: string; keyFile: string; requireCertificate?: boolean };
  /** User name → password, written with mosquitto_passwd; anonymous clients are then refused. */
  users?: Record<string, string>;
  /**
   * Seconds between saves of the persistence file (mosquitto's own default is 1800). Sessions and queued
   * messages reach the file only then, or at a clean stop: a kill loses what came since the last save.
   */
  autosaveIntervalS?: number;
  /**
   * Leave the broker's queue and in-flight window at mosquitto's defaults (`max_queued_messages 1000`,
   * `max_inflight_messages 20`), as a site's broker installed from the package runs.
   */
  stock?: boolean;
  /** More mosquitto.conf lines, e.g. `max_inflight_messages 100`. */
  extraConfig?: string[];
}

/** Debian's mosquitto on loopback ports of its own, with its config, persistence and log in a temp dir. */
export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  readonly tlsPort: number | null;
  /** `mqtts://localhost:<tlsPort>`: the name the test server certificate carries. */
  readonly tlsUrl: string | null;
  readonly dir: string;
  readonly running: boolean;
  /** The broker's log so far, for a failing test's message. */
  log(): string;
  /** SIGTERM: mosquitto saves its persistence file and exits. */
  stop(): Promise<void>;
  /** SIGKILL: nothing is saved, sockets drop as in a crash. */
  kill(): Promise<void>;
  /** Starts again on the same ports with the same persistence dir. */
  restart(): Promise<void>;
  /** Stops it if running and removes the temp dir. */
  close(): Promise<void>;
}

/** A free loopback port: bound to port 0, read, released. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Brokers a crashed test leaves behind are killed when the worker exits.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

function writeConfig(dir: string, port: number, tlsPort: number | null, options: MosquittoOptions): string {
  const lines = [
    // As root, mosquitto would switch to the `mosquitto` user, which cannot read the temp dir.
    `user ${os.userInfo().username}`,
    'per_listener_settings false',
    'persistence true',
    `persistence_location ${dir}${path.sep}`,
    `autosave_interval ${options.autosaveIntervalS ?? 1}`,
    // No cap on what the broker queues for an offline session: a lost message must be the link's fault.
    ...(options.stock ? [] : ['max_queued_messages 0']),
    `log_dest file ${path.join(dir, 'mosquitto.log')}`,
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'connection_messages true',
  ];
  if (options.users) {
    const file = path.join(dir, 'passwords');
    fs.writeFileSync(file, '');
    for (const [user, password] of Object.entries(options.users)) {
      execFileSync('mosquitto_passwd', ['-b', file, user, password], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
    lines.push('allow_anonymous false', `password_file ${file}`);
  } else {
    lines.push('allow_anonymous true');
  }
  lines.push(...(options.extraConfig ?? []), `listener ${port} 127.0.0.1`);
  if (options.tls && tlsPort !== null) {
    lines.push(
      `listener ${tlsPort} 127.0.0.1`,
      `cafile ${options.tls.caFile}`,
      `certfile ${options.tls.certFile}`,
      `keyfile ${options.tls.keyFile}`,
      `require_certificate ${options.tls.requireCertificate ? 'true' : 'false'}`,
    );
  }
  const file = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<Mosquitto> {
  const dir = tempDir();
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : null;
  const configFile = writeConfig(dir, port, tlsPort, options);
  const logFile = path.join(dir, 'mosquitto.log');
  let child: ChildProcess | null = null;
  let stderr = '';

  const log = (): string => {
    const file = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    return `${file}${stderr}`;
  };

  async function launch(): Promise<void> {
    stderr = '';
    const proc = spawn(MOSQUITTO, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    live.add(proc);
    proc.once('exit', () => live.delete(proc));
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const p of tlsPort === null ? [port] : [port, tlsPort]) {
      while (!(await accepts(p))) {
        if (proc.exitCode !== null) throw new Error(`mosquitto exited with code ${proc.exitCode}:\n${log()}`);
        if (Date.now() > deadline) throw new Error(`mosquitto did not listen on port ${p} within ${READY_TIMEOUT_MS} ms:\n${log()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }

  async function signal(sig: NodeJS.Signals): Promise<void> {
    const proc = child;
    child = null;
    if (proc === null) return;
    proc.kill(sig);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited(proc);
    clearTimeout(timer);
  }

  try {
    await launch();
  } catch (err) {
    await signal('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    tlsPort,
    tlsUrl: tlsPort === null ? null : `mqtts://localhost:${tlsPort}`,
    dir,
    get running() {
      return child !== null;
    },
    log,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async restart() {
      if (child !== null) throw new Error('mosquitto is running; stop() or kill() it first');
      await launch();
    },
    async close() {
      await signal('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
