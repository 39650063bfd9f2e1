'use strict';
// Errors the SDK must map to its codes: bad key, missing entity, oversized message.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, parseConnectionString, buildConnectionString } = require('../lib/emulator');
const { createClient, assertRejectsWithCode, peekAll } = require('../lib/helpers');

describe('errors', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({ config: { queues: [{ name: 'guarded' }, { name: 'sized' }] } });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('a wrong key is refused with UnauthorizedAccess', async () => {
    const cs = parseConnectionString(emulator.connectionString);
    const wrongKey = Buffer.from('definitely-not-the-key-'.repeat(2)).toString('base64');
    assert.notEqual(wrongKey, cs.SharedAccessKey);
    const bad = createClient(buildConnectionString({ endpoint: cs.Endpoint, keyName: cs.SharedAccessKeyName, key: wrongKey }));
    try {
      const sender = bad.createSender('guarded');
      const sending = sender.sendMessages({ body: 'intruder' });
      await assertRejectsWithCode(sending, 'UnauthorizedAccess');
      // The refusal names the key, never a key or a signature.
      const err = await sending.catch((e) => e);
      for (const e of err instanceof AggregateError ? err.errors : [err]) {
        assert.ok(!e.message.includes(cs.SharedAccessKey), 'no key in the error');
        assert.ok(!e.message.includes(wrongKey), 'no presented key in the error');
        assert.ok(!/sig=/.test(e.message), 'no signature in the error');
      }
      const receiver = bad.createReceiver('guarded');
      await assertRejectsWithCode(receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 }), 'UnauthorizedAccess');
    } finally {
      await bad.close();
    }
    assert.equal((await peekAll(client, 'guarded')).length, 0, 'nothing was stored');
  });

  it('an unknown key name is refused too', async () => {
    const cs = parseConnectionString(emulator.connectionString);
    const bad = createClient(buildConnectionString({ endpoint: cs.Endpoint, keyName: 'NoSuchRule', key: cs.SharedAccessKey }));
    try {
      await assertRejectsWithCode(bad.createSender('guarded').sendMessages({ body: 'x' }), 'UnauthorizedAccess');
    } finally {
      await bad.close();
    }
  });

  it('a missing entity is MessagingEntityNotFound', async () => {
    const sender = client.createSender('no-such-queue');
    await assertRejectsWithCode(sender.sendMessages({ body: 'lost' }), 'MessagingEntityNotFound');
    await sender.close();
    const receiver = client.createReceiver('no-such-queue');
    await assertRejectsWithCode(receiver.receiveMessages(1, { maxWaitTimeInMs: 2000 }), 'MessagingEntityNotFound');
    await receiver.close();
    const peeker = client.createReceiver('also-missing');
    await assertRejectsWithCode(peeker.peekMessages(1), 'MessagingEntityNotFound');
    await peeker.close();
  });

  it('a message over the entity limit is MessageSizeExceeded', async () => {
    const sender = client.createSender('sized');
    const big = Buffer.alloc(300 * 1024, 0x61);
    await assertRejectsWithCode(sender.sendMessages({ body: big, messageId: 'big' }), 'MessageSizeExceeded');
    const batch = await sender.createMessageBatch();
    assert.equal(batch.maxSizeInBytes, 256 * 1024, 'the link advertises the 256 KB entity limit');
    assert.equal(batch.tryAddMessage({ body: big }), false, 'a batch refuses it');
    assert.equal(batch.tryAddMessage({ body: Buffer.alloc(200 * 1024, 0x62), messageId: 'fits' }), true);
    await sender.sendMessages(batch);
    await sender.close();
    const left = await peekAll(client, 'sized');
    assert.deepEqual(
      left.map((m) => m.messageId),
      ['fits'],
    );
    assert.equal(left[0].body.length, 200 * 1024);
  });
});
