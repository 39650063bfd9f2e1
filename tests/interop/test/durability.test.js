'use strict';
// The durable store seen through the SDK: what was accepted survives a restart (SIGTERM) with
// its state (active, deferred, scheduled, dead-lettered, session state); --in-memory keeps nothing.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly, peekAll, seq } = require('../lib/helpers');

const CONFIG = {
  queues: [{ name: 'kept' }, { name: 'kept-sessions', properties: { RequiresSession: true } }],
};

describe('durability', () => {
  let dataDir;

  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'busbar-interop-durable-'));
  });

  after(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps messages, their states and session state across a restart', async () => {
    let emulator = await startEmulator({ config: CONFIG, dataDir });
    let client = createClient(emulator.connectionString);
    const sender = client.createSender('kept');
    await sender.sendMessages(Array.from({ length: 5 }, (_, i) => ({ body: { n: i }, messageId: `k${i}`, applicationProperties: { i } })));
    const [scheduledSeq] = await sender.scheduleMessages({ body: 'later', messageId: 'k-sched' }, new Date(Date.now() + 3600_000));
    await sender.close();
    const receiver = client.createReceiver('kept');
    const [first, second, third] = await receiveExactly(receiver, 3);
    await receiver.completeMessage(first);
    await receiver.deadLetterMessage(second, { deadLetterReason: 'Broken', deadLetterErrorDescription: 'kept across restarts' });
    await receiver.deferMessage(third);
    await receiver.close();
    const sessions = client.createSender('kept-sessions');
    await sessions.sendMessages({ body: 'in session', sessionId: 's-1' });
    await sessions.close();
    const session = await client.acceptSession('kept-sessions', 's-1');
    await session.setSessionState({ step: 'persisted' });
    await session.close();
    const before = (await peekAll(client, 'kept')).map((m) => [m.messageId, seq(m.sequenceNumber), m.state]);
    await client.close();
    await emulator.stop();

    emulator = await startEmulator({ config: CONFIG, dataDir });
    client = createClient(emulator.connectionString);
    try {
      const afterRestart = (await peekAll(client, 'kept')).map((m) => [m.messageId, seq(m.sequenceNumber), m.state]);
      assert.deepEqual(afterRestart, before);
      assert.deepEqual(
        afterRestart.map(([id, , state]) => [id, state]),
        [
          ['k2', 'deferred'],
          ['k3', 'active'],
          ['k4', 'active'],
          ['k-sched', 'scheduled'],
        ],
      );
      assert.equal(afterRestart[3][1], seq(scheduledSeq));
      const dead = await peekAll(client, 'kept', { subQueueType: 'deadLetter' });
      assert.deepEqual(
        dead.map((m) => [m.messageId, m.deadLetterReason, m.deadLetterErrorDescription]),
        [['k1', 'Broken', 'kept across restarts']],
      );
      // New messages continue the sequence instead of reusing numbers.
      const next = client.createSender('kept');
      await next.sendMessages({ body: 'after', messageId: 'k-after' });
      await next.close();
      const all = await peekAll(client, 'kept');
      const afterSeq = seq(all.find((m) => m.messageId === 'k-after').sequenceNumber);
      assert.ok(afterSeq > Math.max(...before.map(([, s]) => s)), `sequence ${afterSeq} continues`);

      const receiver = client.createReceiver('kept', { receiveMode: 'receiveAndDelete' });
      const active = await receiveExactly(receiver, 3);
      await receiver.close();
      assert.deepEqual(
        active.map((m) => [m.messageId, m.body.n, m.applicationProperties?.i]),
        [
          ['k3', 3, 3],
          ['k4', 4, 4],
          ['k-after', undefined, undefined],
        ],
      );
      const session = await client.acceptSession('kept-sessions', 's-1');
      assert.deepEqual(await session.getSessionState(), { step: 'persisted' });
      const [msg] = await receiveExactly(session, 1);
      assert.equal(msg.body, 'in session');
      await session.completeMessage(msg);
      await session.close();
    } finally {
      await client.close();
      await emulator.stop();
    }
  });

  it('a message the SDK saw accepted survives a crash (SIGKILL)', async () => {
    const crashDir = path.join(dataDir, 'crash');
    let emulator = await startEmulator({ config: CONFIG, dataDir: crashDir });
    let client = createClient(emulator.connectionString);
    const sender = client.createSender('kept');
    const batch = await sender.createMessageBatch();
    for (let i = 0; i < 50; i += 1) assert.ok(batch.tryAddMessage({ body: `c${i}`, messageId: `crash-${i}` }));
    await sender.sendMessages(batch);
    await sender.sendMessages({ body: 'last', messageId: 'crash-last' });
    // Accepted means durable: kill at once, without a clean shutdown.
    await emulator.stop('SIGKILL');
    await client.close();

    emulator = await startEmulator({ config: CONFIG, dataDir: crashDir });
    client = createClient(emulator.connectionString);
    try {
      const ids = (await peekAll(client, 'kept')).map((m) => m.messageId);
      assert.equal(ids.length, 51);
      assert.deepEqual(ids.slice(0, 3), ['crash-0', 'crash-1', 'crash-2']);
      assert.equal(ids[50], 'crash-last');
    } finally {
      await client.close();
      await emulator.stop();
    }
  });

  it('--in-memory starts empty after a restart', async () => {
    let emulator = await startEmulator({ config: CONFIG, inMemory: true });
    let client = createClient(emulator.connectionString);
    const sender = client.createSender('kept');
    await sender.sendMessages({ body: 'gone', messageId: 'm-1' });
    await sender.close();
    assert.equal((await peekAll(client, 'kept')).length, 1);
    await client.close();
    await emulator.stop();

    emulator = await startEmulator({ config: CONFIG, inMemory: true });
    client = createClient(emulator.connectionString);
    try {
      assert.equal((await peekAll(client, 'kept')).length, 0);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });
});
