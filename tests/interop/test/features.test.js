'use strict';
// Entity features: duplicate detection and auto-forwarding.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly, peekAll } = require('../lib/helpers');

describe('features', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({
      config: {
        queues: [
          { name: 'dedup', properties: { RequiresDuplicateDetection: true, DuplicateDetectionHistoryTimeWindow: 'PT1M' } },
          { name: 'no-dedup' },
          { name: 'fwd-source', properties: { ForwardTo: 'fwd-target' } },
          { name: 'fwd-target' },
          { name: 'fwd-from-sub' },
        ],
        topics: [{ name: 'fwd-topic', subscriptions: [{ name: 'to-queue', properties: { ForwardTo: 'fwd-from-sub' } }] }],
      },
    });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('duplicate detection drops a repeated messageId within the window', async () => {
    const sender = client.createSender('dedup');
    await sender.sendMessages({ body: 'first', messageId: 'dup-1' });
    await sender.sendMessages({ body: 'second', messageId: 'dup-1' });
    await sender.sendMessages([
      { body: 'third', messageId: 'dup-1' },
      { body: 'other', messageId: 'dup-2' },
    ]);
    await sender.close();

    const left = await peekAll(client, 'dedup');
    assert.deepEqual(
      left.map((m) => [m.messageId, m.body]),
      [
        ['dup-1', 'first'],
        ['dup-2', 'other'],
      ],
    );

    const plain = client.createSender('no-dedup');
    await plain.sendMessages({ body: 'a', messageId: 'same' });
    await plain.sendMessages({ body: 'b', messageId: 'same' });
    await plain.close();
    assert.equal((await peekAll(client, 'no-dedup')).length, 2, 'without detection both are kept');
  });

  it('auto-forwards from a queue and from a subscription', async () => {
    const sender = client.createSender('fwd-source');
    await sender.sendMessages({ body: 'hop', messageId: 'fwd-1', applicationProperties: { via: 'queue' } });
    await sender.close();

    const target = client.createReceiver('fwd-target');
    const [msg] = await receiveExactly(target, 1);
    assert.equal(msg.messageId, 'fwd-1');
    assert.equal(msg.body, 'hop');
    assert.equal(msg.applicationProperties.via, 'queue');
    await target.completeMessage(msg);
    await target.close();
    assert.equal((await peekAll(client, 'fwd-source')).length, 0, 'nothing stays in the source');

    const topicSender = client.createSender('fwd-topic');
    await topicSender.sendMessages({ body: 'fan', messageId: 'fwd-2' });
    await topicSender.close();
    const fromSub = client.createReceiver('fwd-from-sub');
    const [forwarded] = await receiveExactly(fromSub, 1);
    assert.equal(forwarded.messageId, 'fwd-2');
    assert.equal(forwarded.body, 'fan');
    await fromSub.completeMessage(forwarded);
    await fromSub.close();
  });
});
