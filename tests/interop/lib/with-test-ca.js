'use strict';
// Runs `node --test <files...>` with a throwaway CA trusted by Node (NODE_EXTRA_CA_CERTS is
// read only at process start, so the CA must exist before the test process). Makes the CA and
// a localhost server certificate with the openssl CLI, hands their paths to the tests in
// BUSBAR_TEST_TLS_CERT / BUSBAR_TEST_TLS_KEY, and removes them afterwards.
//   node lib/with-test-ca.js test/admin.test.js

const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function openssl(args, cwd) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeTestCa(dir) {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
      '-subj', '/CN=Busbar interop test CA', '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' +
      'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem',
      '-days', '2', '-extfile', 'server.ext'],
    dir,
  );
  return { ca: path.join(dir, 'ca.pem'), cert: path.join(dir, 'server.pem'), key: path.join(dir, 'server.key') };
}

function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node lib/with-test-ca.js <test files...>\n');
    process.exit(2);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'busbar-test-ca-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  let pki;
  try {
    pki = makeTestCa(dir);
  } catch (err) {
    cleanup();
    process.stderr.write(`with-test-ca: openssl failed: ${err.stderr ? err.stderr.toString() : err.message}\n`);
    process.exit(1);
  }
  const child = spawn(process.execPath, ['--test', ...files], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: pki.ca, BUSBAR_TEST_TLS_CERT: pki.cert, BUSBAR_TEST_TLS_KEY: pki.key },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  child.on('exit', (code, signal) => {
    cleanup();
    process.exit(code === null ? (signal ? 128 + (os.constants.signals[signal] || 1) : 1) : code);
  });
}

if (require.main === module) main();

module.exports = { makeTestCa };
