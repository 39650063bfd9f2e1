'use strict';
// Starts busbar-emulator for one test file: a temp --data dir, a generated Config.json in the
// Microsoft emulator's format, ephemeral ports read back from the emulator's stdout, and a
// stop that escalates from SIGTERM to SIGKILL so a hung emulator never outlives its test.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const START_TIMEOUT_MS = 20000;
const STOP_GRACE_MS = 5000;

const running = new Set();
// A test runner that dies (assertion in a hook, Ctrl-C) must not leave emulators behind.
process.on('exit', () => {
  for (const child of running) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

function emulatorPath() {
  const exe = process.env.BUSBAR_EMULATOR;
  if (!exe) {
    throw new Error('BUSBAR_EMULATOR is not set: run through ctest, or export the path of busbar-emulator');
  }
  if (!fs.existsSync(exe)) {
    throw new Error(`BUSBAR_EMULATOR points to a missing file: ${exe}`);
  }
  return exe;
}

// Builds a Config.json document ({UserConfig: {Namespaces: [...]}}) from a compact form:
//   { queues: [{ name, properties }], topics: [{ name, properties, subscriptions: [{ name, properties, rules }] }] }
// `properties` use the file's PascalCase names (LockDuration: 'PT5S', MaxDeliveryCount: 3, ...).
function buildConfig({ queues = [], topics = [] } = {}) {
  return {
    UserConfig: {
      Namespaces: [
        {
          Name: 'sbemulatorns',
          Queues: queues.map((q) => ({ Name: q.name, Properties: { ...(q.properties || {}) } })),
          Topics: topics.map((t) => ({
            Name: t.name,
            Properties: { ...(t.properties || {}) },
            Subscriptions: (t.subscriptions || []).map((s) => {
              const sub = { Name: s.name, Properties: { ...(s.properties || {}) } };
              if (s.rules) sub.Rules = s.rules;
              return sub;
            }),
          })),
        },
      ],
      Logging: { Type: 'Console' },
    },
  };
}

// Reads the lines the emulator prints once it listens (emulator/main.cpp):
//   amqp: Endpoint=sb://localhost:PORT;SharedAccessKeyName=...;SharedAccessKey=...;UseDevelopmentEmulator=true;
//   admin: http://localhost:PORT
//   admin-tls: https://localhost:PORT      (only with --https-port)
//   amqp-tls: amqps://localhost:PORT/      (only with --tls-port)
//   amqp-ws: ws://localhost:PORT/$servicebus/websocket   (only with --ws-port)
function parseListenLine(line, found) {
  const amqp = /^\s*amqp:\s*(Endpoint=\S+)/i.exec(line);
  if (amqp && !found.connectionString) found.connectionString = amqp[1];
  const https = /(https:\/\/[^\s;]+)/i.exec(line);
  if (https && /admin/i.test(line) && !found.httpsUrl) found.httpsUrl = https[1].replace(/\/$/, '');
  const amqps = /^\s*amqp-tls:\s*(amqps:\/\/[^\s;]+)/i.exec(line);
  if (amqps && !found.amqpTlsUrl) found.amqpTlsUrl = amqps[1].replace(/\/$/, '');
  const ws = /^\s*amqp-ws:\s*(ws:\/\/\S+)/i.exec(line);
  if (ws && !found.wsUrl) found.wsUrl = ws[1];
  const http = /^\s*admin:\s*(http:\/\/[^\s;]+)/i.exec(line);
  if (http && !found.adminUrl) found.adminUrl = http[1].replace(/\/$/, '');
}

/**
 * Starts an emulator. Options:
 *   config: compact config for buildConfig(), configJson: a full document, or configPath: a file
 *   readyLine: a RegExp the output must also match before the emulator counts as ready
 *   inMemory: pass --in-memory instead of keeping the store in the temp --data dir
 *   dataDir: use (and keep) this --data dir instead of a temporary one
 *   tls: { cert, key } PEM files: serve HTTPS admin on an ephemeral port too
 *   amqpTls: with tls, serve AMQP over TLS on an ephemeral port as well (amqpTlsPort)
 *   webSocket: serve AMQP over WebSockets on an ephemeral port as well (wsUrl, wsPort)
 *   args: extra command-line arguments
 * Resolves to { connectionString, adminUrl, httpsUrl, httpsPort, key, keyName, host, amqpPort, stop() }.
 */
async function startEmulator(options = {}) {
  const exe = emulatorPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'busbar-interop-'));
  // A caller-owned dataDir survives stop(), so a test can restart the emulator on its store.
  const dataDir = options.dataDir || path.join(dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  let configPath = options.configPath;
  if (!configPath) {
    configPath = path.join(dir, 'Config.json');
    const configJson = options.configJson || buildConfig(options.config);
    fs.writeFileSync(configPath, JSON.stringify(configJson, null, 2));
  }

  const args = ['--config', configPath, '--port', '0', '--admin-port', '0', '--show-keys'];
  if (options.inMemory) args.push('--in-memory');
  else args.push('--data', dataDir);
  if (options.tls) args.push('--https-port', '0', '--tls-cert', options.tls.cert, '--tls-key', options.tls.key);
  if (options.tls && options.amqpTls) args.push('--tls-port', '0');
  if (options.webSocket) args.push('--ws-port', '0');
  if (options.args) args.push(...options.args);

  const child = spawn(exe, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output = [];
  const found = {};
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => running.delete(child));

  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`busbar-emulator did not report its endpoints in ${START_TIMEOUT_MS} ms:\n${output.join('\n')}`)),
      START_TIMEOUT_MS,
    );
    // The endpoint lines are printed together once everything listens; the plain HTTP admin
    // line is optional (the suite uses only AMQP and, for admin tests, HTTPS), so after the
    // required lines a short grace collects whatever else follows.
    let settling = false;
    const check = () => {
      const extraReady = !options.readyLine || output.some((l) => options.readyLine.test(l));
      const tlsReady = !options.tls || (found.httpsUrl && (!options.amqpTls || found.amqpTlsUrl));
      const wsReady = !options.webSocket || found.wsUrl;
      if (!settling && found.connectionString && tlsReady && wsReady && extraReady) {
        settling = true;
        clearTimeout(timer);
        setTimeout(resolve, 100);
      }
    };
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      parseListenLine(line, found);
      check();
    });
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      output.push(line);
      if (process.env.BUSBAR_INTEROP_VERBOSE) process.stderr.write(`[emulator] ${line}\n`);
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`busbar-emulator exited early (code ${code}, signal ${signal}) with args ${args.join(' ')}:\n${output.join('\n')}`));
    });
  });

  let stopped = false;
  // stop('SIGKILL') simulates a crash: no clean shutdown, the store is left as it was.
  async function stop(signal = 'SIGTERM') {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  try {
    await ready;
  } catch (err) {
    await stop();
    throw err;
  }

  const cs = parseConnectionString(found.connectionString);
  const endpoint = new URL(cs.Endpoint.replace(/^sb:/, 'http:'));
  const result = {
    connectionString: found.connectionString,
    adminUrl: found.adminUrl,
    httpsUrl: found.httpsUrl,
    httpsPort: found.httpsUrl ? Number(new URL(found.httpsUrl).port) : undefined,
    amqpTlsPort: found.amqpTlsUrl ? Number(new URL(found.amqpTlsUrl).port) : undefined,
    wsUrl: found.wsUrl,
    wsPort: found.wsUrl ? Number(new URL(found.wsUrl).port) : undefined,
    key: cs.SharedAccessKey,
    keyName: cs.SharedAccessKeyName,
    host: endpoint.hostname,
    amqpPort: Number(endpoint.port),
    dataDir,
    output,
    stop,
  };
  return result;
}

function parseConnectionString(text) {
  const out = {};
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

function buildConnectionString({ endpoint, keyName, key, emulator = true }) {
  return `Endpoint=${endpoint};SharedAccessKeyName=${keyName};SharedAccessKey=${key};${emulator ? 'UseDevelopmentEmulator=true;' : ''}`;
}

module.exports = { startEmulator, buildConfig, parseConnectionString, buildConnectionString, parseListenLine };
