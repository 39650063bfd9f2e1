'use strict';
// Formats run.sh's JSON lines as a table: throughput rows, then memory rows.
const fs = require('node:fs');

const rows = fs
  .readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));

function table(headers, data) {
  const widths = headers.map((h, i) => Math.max(h.length, ...data.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of data) console.log(line(r));
}

const throughput = rows.filter((r) => r.rate !== undefined);
table(
  ['broker', 'store', 'scenario', 'clients', 'messages', 'seconds', 'msg/s', 'past credit'],
  throughput.map((r) => [r.broker, r.mode, r.scenario, r.clients, r.count, r.seconds, r.rate, r.overCredit || 0]),
);
console.log('(past credit: transfers the broker sent beyond the receiver\'s credit; pre-settled ones past the quota are lost)');
console.log('');
const memory = rows.filter((r) => r.rss_kb !== undefined);
table(
  ['broker', 'store', 'measurement', 'RSS MiB'],
  memory.map((r) => [r.broker, r.mode, r.scenario, (r.rss_kb / 1024).toFixed(1)]),
);
