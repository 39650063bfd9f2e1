'use strict';
// Sending, receiving and browsing: every property type, byte-exact bodies, batches, peek by
// sequence number, receive-and-delete.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('../lib/emulator');
const { createClient, receiveExactly, peekAll, seq } = require('../lib/helpers');

const QUEUES = ['props', 'bodies', 'batch', 'peek', 'rad'];

describe('messages', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({
      config: { queues: QUEUES.map((name) => ({ name, properties: { LockDuration: 'PT30S', MaxDeliveryCount: 5 } })) },
    });
    client = createClient(emulator.connectionString);
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('round-trips every system and application property type', async () => {
    const when = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    const sender = client.createSender('props');
    const before = Date.now();
    await sender.sendMessages({
      body: { order: 17, lines: ['a', 'b'] },
      messageId: 'msg-props-1',
      correlationId: 'corr-1',
      subject: 'order.created',
      to: 'fulfilment',
      replyTo: 'replies',
      replyToSessionId: 'reply-session',
      contentType: 'application/json',
      timeToLive: 60000,
      applicationProperties: {
        text: 'héllo wörld',
        integer: 42,
        negative: -7,
        fraction: 3.25,
        flag: true,
        off: false,
        when,
        nothing: null,
        big: 2 ** 40,
        tiny: -1.5e-7,
      },
    });
    await sender.close();

    // skipConvertingDate: by default the SDK turns timestamp properties into numbers.
    const receiver = client.createReceiver('props', { skipConvertingDate: true });
    const [msg] = await receiveExactly(receiver, 1);
    assert.deepEqual(msg.body, { order: 17, lines: ['a', 'b'] });
    assert.equal(msg.messageId, 'msg-props-1');
    assert.equal(msg.correlationId, 'corr-1');
    assert.equal(msg.subject, 'order.created');
    assert.equal(msg.to, 'fulfilment');
    assert.equal(msg.replyTo, 'replies');
    assert.equal(msg.replyToSessionId, 'reply-session');
    assert.equal(msg.contentType, 'application/json');
    assert.equal(msg.applicationProperties.text, 'héllo wörld');
    assert.equal(msg.applicationProperties.integer, 42);
    assert.equal(msg.applicationProperties.negative, -7);
    assert.equal(msg.applicationProperties.fraction, 3.25);
    assert.equal(msg.applicationProperties.flag, true);
    assert.equal(msg.applicationProperties.off, false);
    assert.ok(msg.applicationProperties.when instanceof Date, 'Date property comes back as a Date');
    assert.equal(msg.applicationProperties.when.getTime(), when.getTime());
    assert.ok('nothing' in msg.applicationProperties, 'null property is kept');
    assert.equal(msg.applicationProperties.nothing, null);
    assert.equal(msg.applicationProperties.big, 2 ** 40);
    assert.equal(msg.applicationProperties.tiny, -1.5e-7);

    // Broker-stamped fields.
    assert.ok(seq(msg.sequenceNumber) >= 1, `sequence number ${msg.sequenceNumber}`);
    assert.ok(msg.enqueuedTimeUtc instanceof Date);
    assert.ok(Math.abs(msg.enqueuedTimeUtc.getTime() - before) < 10000, 'enqueued time is now');
    assert.equal(msg.timeToLive, 60000);
    assert.ok(msg.lockToken && /^[0-9a-f-]{36}$/i.test(msg.lockToken), `lock token ${msg.lockToken}`);
    assert.ok(msg.lockedUntilUtc.getTime() > Date.now(), 'lock is in the future');
    assert.equal(msg.state, 'active');

    await receiver.completeMessage(msg);
    await receiver.close();
    assert.equal((await peekAll(client, 'props')).length, 0, 'completed message is gone');
  });

  it('reports timeToLive exactly as sent', async () => {
    const sender = client.createSender('props');
    await sender.sendMessages({ body: 'ttl', messageId: 'ttl-exact', timeToLive: 60000 });
    await sender.close();
    const receiver = client.createReceiver('props', { receiveMode: 'receiveAndDelete' });
    const [msg] = await receiveExactly(receiver, 1);
    await receiver.close();
    assert.equal(msg.messageId, 'ttl-exact');
    assert.equal(msg.timeToLive, 60000);
    assert.equal(msg.expiresAtUtc.getTime(), msg.enqueuedTimeUtc.getTime() + 60000);
  });

  it('keeps message annotations and header fields of an AMQP annotated message', async () => {
    const sender = client.createSender('props');
    await sender.sendMessages({
      body: 'annotated',
      bodyType: 'value',
      header: { priority: 7, durable: true },
      messageAnnotations: { 'x-opt-busbar-trace': 'trace-42', 'x-opt-busbar-hops': 3 },
      properties: { messageId: 'annotated-1', groupSequence: 5, contentEncoding: 'identity' },
      applicationProperties: { kind: 'raw' },
    });
    await sender.close();
    const receiver = client.createReceiver('props', { receiveMode: 'receiveAndDelete' });
    const [msg] = await receiveExactly(receiver, 1);
    await receiver.close();
    const raw = msg._rawAmqpMessage;
    assert.equal(msg.messageId, 'annotated-1');
    assert.equal(msg.body, 'annotated');
    assert.equal(raw.messageAnnotations['x-opt-busbar-trace'], 'trace-42');
    assert.equal(raw.messageAnnotations['x-opt-busbar-hops'], 3);
    assert.equal(raw.header.priority, 7);
    assert.equal(raw.properties.groupSequence, 5);
    assert.equal(raw.properties.contentEncoding, 'identity');
    assert.equal(msg.applicationProperties.kind, 'raw');
    // The broker's own annotations sit beside the sender's.
    assert.ok(raw.messageAnnotations['x-opt-sequence-number'] !== undefined);
    assert.ok(raw.messageAnnotations['x-opt-enqueued-time'] !== undefined);
  });

  it('keeps binary and string bodies byte-exact', async () => {
    const binary = Buffer.alloc(256 * 4);
    for (let i = 0; i < binary.length; i += 1) binary[i] = i % 256;
    const text = 'plain ✓ — ünïcödé \u0000 nul and 🚌 end';
    const sender = client.createSender('bodies');
    await sender.sendMessages({ body: binary, messageId: 'bin', contentType: 'application/octet-stream' });
    await sender.sendMessages({ body: text, messageId: 'str' });
    await sender.sendMessages({ body: 12345.5, messageId: 'num' });
    await sender.sendMessages({ body: Buffer.alloc(0), messageId: 'empty' });
    // A bodyType makes the SDK treat the object as an AmqpAnnotatedMessage (ids under properties).
    await sender.sendMessages({ body: 'in a value section', bodyType: 'value', properties: { messageId: 'value' } });
    await sender.sendMessages({ body: [[1, 'two']], bodyType: 'sequence', properties: { messageId: 'sequence' } });
    await sender.sendMessages({ body: text, messageId: 'raw' });
    await sender.close();

    const receiver = client.createReceiver('bodies', { receiveMode: 'receiveAndDelete' });
    const got = await receiveExactly(receiver, 6);
    await receiver.close();
    const byId = Object.fromEntries(got.map((m) => [m.messageId, m]));
    assert.ok(Buffer.isBuffer(byId.bin.body), 'binary body is a Buffer');
    assert.equal(Buffer.compare(byId.bin.body, binary), 0, 'binary body is byte-exact');
    assert.equal(byId.str.body, text);
    assert.equal(byId.num.body, 12345.5);
    assert.ok(Buffer.isBuffer(byId.empty.body));
    assert.equal(byId.empty.body.length, 0);
    assert.equal(byId.value.body, 'in a value section');
    assert.equal(byId.value._rawAmqpMessage.bodyType, 'value');
    assert.deepEqual(byId.sequence.body, [[1, 'two']]);
    assert.equal(byId.sequence._rawAmqpMessage.bodyType, 'sequence');

    // The SDK puts a string body in a data section as JSON; the bytes must survive untouched.
    const raw = client.createReceiver('bodies', { receiveMode: 'receiveAndDelete', skipParsingBodyAsJson: true });
    const [rawMsg] = await receiveExactly(raw, 1);
    await raw.close();
    assert.equal(rawMsg.messageId, 'raw');
    assert.equal(Buffer.compare(rawMsg.body, Buffer.from(JSON.stringify(text), 'utf8')), 0);
  });

  it('sends a batch built with createMessageBatch/tryAddMessage in order', async () => {
    const sender = client.createSender('batch');
    const batch = await sender.createMessageBatch();
    assert.ok(batch.maxSizeInBytes > 1024, `maxSizeInBytes ${batch.maxSizeInBytes}`);
    for (let i = 0; i < 10; i += 1) {
      assert.equal(batch.tryAddMessage({ body: `item-${i}`, messageId: `batch-${i}`, applicationProperties: { index: i } }), true);
    }
    assert.equal(batch.count, 10);
    await sender.sendMessages(batch);
    await sender.close();

    const receiver = client.createReceiver('batch');
    const got = await receiveExactly(receiver, 10);
    assert.deepEqual(
      got.map((m) => m.messageId),
      Array.from({ length: 10 }, (_, i) => `batch-${i}`),
    );
    assert.deepEqual(
      got.map((m) => m.body),
      Array.from({ length: 10 }, (_, i) => `item-${i}`),
    );
    assert.deepEqual(
      got.map((m) => m.applicationProperties.index),
      Array.from({ length: 10 }, (_, i) => i),
    );
    const seqs = got.map((m) => seq(m.sequenceNumber));
    for (let i = 1; i < seqs.length; i += 1) assert.ok(seqs[i] > seqs[i - 1], `sequence numbers increase: ${seqs}`);
    for (const m of got) await receiver.completeMessage(m);
    await receiver.close();
    assert.equal((await peekAll(client, 'batch')).length, 0);
  });

  it('peeks from a sequence number without locking', async () => {
    const sender = client.createSender('peek');
    await sender.sendMessages(Array.from({ length: 5 }, (_, i) => ({ body: `p${i}`, messageId: `peek-${i}` })));
    await sender.close();

    const receiver = client.createReceiver('peek');
    const all = await receiver.peekMessages(10);
    assert.deepEqual(
      all.map((m) => m.messageId),
      ['peek-0', 'peek-1', 'peek-2', 'peek-3', 'peek-4'],
    );
    assert.equal(all[0].lockToken, undefined, 'peeked messages carry no lock');
    const third = all[2].sequenceNumber;
    const fromThird = await receiver.peekMessages(2, { fromSequenceNumber: third });
    assert.deepEqual(
      fromThird.map((m) => m.messageId),
      ['peek-2', 'peek-3'],
    );
    assert.equal(seq(fromThird[0].sequenceNumber), seq(third));
    // Peeking did not take the messages: all five are still receivable.
    const got = await receiveExactly(receiver, 5);
    assert.deepEqual(
      got.map((m) => m.messageId),
      all.map((m) => m.messageId),
    );
    for (const m of got) await receiver.completeMessage(m);
    await receiver.close();
  });

  it('receiveAndDelete removes messages on delivery', async () => {
    const sender = client.createSender('rad');
    await sender.sendMessages([1, 2, 3].map((i) => ({ body: `rad-${i}`, messageId: `rad-${i}` })));
    await sender.close();

    const receiver = client.createReceiver('rad', { receiveMode: 'receiveAndDelete' });
    const got = await receiveExactly(receiver, 3);
    await receiver.close();
    assert.deepEqual(
      got.map((m) => m.body),
      ['rad-1', 'rad-2', 'rad-3'],
    );
    assert.equal(got[0].lockToken, undefined, 'no lock in receiveAndDelete mode');
    assert.equal((await peekAll(client, 'rad')).length, 0, 'nothing left after receiveAndDelete');
  });
});
