'use strict';
// The shipped demo namespace (resources/emulator/demo-config.json) with --seed-demo, seen
// through Microsoft's SDK: what the seeder promises is what a client finds.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { startEmulator } = require('../lib/emulator');
const { createClient, peekAll } = require('../lib/helpers');

const DEMO_CONFIG = path.resolve(__dirname, '../../../resources/emulator/demo-config.json');

describe('demo', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({ configPath: DEMO_CONFIG, args: ['--seed-demo'], readyLine: /^seeded: demo/ });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('orders: active, deferred, scheduled and dead-lettered JSON orders', async () => {
    const orders = await peekAll(client, 'orders');
    const byState = (state) => orders.filter((m) => m.state === state);
    assert.equal(byState('active').length, 15);
    assert.equal(byState('deferred').length, 2);
    assert.equal(byState('scheduled').length, 3);
    for (const m of orders) {
      assert.equal(m.contentType, 'application/json');
      assert.match(m.body.orderId, /^ORD-\d+$/);
      assert.ok(Array.isArray(m.body.lines) && m.body.lines.length > 0);
      assert.equal(typeof m.applicationProperties.customerId, 'string');
      assert.equal(typeof m.applicationProperties.priority, 'number');
      assert.equal(typeof m.applicationProperties.express, 'boolean');
    }
    for (const m of byState('scheduled')) assert.ok(m.scheduledEnqueueTimeUtc.getTime() > Date.now() + 30 * 60 * 1000);

    const dead = await peekAll(client, 'orders', { subQueueType: 'deadLetter' });
    const reasons = dead.map((m) => m.deadLetterReason).sort();
    assert.deepEqual(reasons, ['MaxDeliveryCountExceeded', 'ValidationFailed', 'ValidationFailed']);
    for (const m of dead.filter((d) => d.deadLetterReason === 'ValidationFailed')) {
      assert.ok(m.deadLetterErrorDescription.length > 10, 'a description says what failed');
      assert.equal(m.applicationProperties.validatedBy, 'order-validator/2.3');
    }
  });

  it('invoices: XML invoices and one binary scan', async () => {
    const invoices = await peekAll(client, 'invoices', { skipParsingBodyAsJson: true });
    assert.equal(invoices.length, 9);
    const xml = invoices.filter((m) => m.contentType === 'application/xml');
    assert.equal(xml.length, 8);
    for (const m of xml) assert.match(m.body.toString('utf8'), /^<\?xml[^]*<Invoice xmlns="urn:busbar:demo:invoice"/);
    const [scan] = invoices.filter((m) => m.contentType === 'application/pdf');
    assert.ok(Buffer.isBuffer(scan.body));
    assert.equal(scan.body.subarray(0, 8).toString('latin1'), '%PDF-1.7');
    assert.equal(scan.body.length, 2048);
  });

  it('support-sessions: three conversations of four messages', async () => {
    const messages = await peekAll(client, 'support-sessions');
    assert.equal(messages.length, 12);
    const sessions = [...new Set(messages.map((m) => m.sessionId))].sort();
    assert.deepEqual(sessions, ['ticket-4711', 'ticket-4712', 'ticket-4713']);
    const receiver = await client.acceptSession('support-sessions', 'ticket-4711');
    try {
      assert.equal((await receiver.getSessionState()).step, 'awaiting-customer');
    } finally {
      await receiver.close();
    }
  });

  it('a durable demo namespace is not seeded twice on restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'busbar-interop-demo-'));
    try {
      for (let start = 0; start < 2; start += 1) {
        const emu = await startEmulator({ configPath: DEMO_CONFIG, args: ['--seed-demo'], readyLine: /^seeded: demo/, dataDir });
        const c = createClient(emu.connectionString);
        try {
          assert.equal((await peekAll(c, 'orders')).length, 20, `orders after start ${start + 1}`);
          assert.equal((await peekAll(c, 'invoices')).length, 9);
        } finally {
          await c.close();
          await emu.stop();
        }
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('events fan out through the demo rules', async () => {
    assert.equal((await peekAll(client, 'events', 'all-events')).length, 12);
    const eu = await peekAll(client, 'events', 'eu-orders');
    assert.equal(eu.length, 3);
    for (const m of eu) {
      assert.equal(m.applicationProperties.region, 'eu');
      assert.match(m.subject, /^order\./);
      assert.equal(m.applicationProperties.routedBy, 'eu-orders');
    }
    assert.equal((await peekAll(client, 'events', 'shipping')).length, 4);
    // payments-audit forwards payment.received events to payments-review.
    const review = await peekAll(client, 'payments-review');
    assert.equal(review.length, 3);
    for (const m of review) assert.equal(m.subject, 'payment.received');
  });
});
