'use strict';
// AMQP over TLS, the way the SDK talks to a real namespace (no UseDevelopmentEmulator: TLS,
// port from the endpoint), trusted through a throwaway CA. Run through lib/with-test-ca.js.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, buildConnectionString } = require('../lib/emulator');
const { createClient, receiveExactly } = require('../lib/helpers');

describe('tls', () => {
  let emulator;
  let client;

  before(async () => {
    const cert = process.env.BUSBAR_TEST_TLS_CERT;
    const key = process.env.BUSBAR_TEST_TLS_KEY;
    assert.ok(cert && key && process.env.NODE_EXTRA_CA_CERTS, 'run through lib/with-test-ca.js');
    emulator = await startEmulator({ config: { queues: [{ name: 'secure' }] }, tls: { cert, key }, amqpTls: true });
    assert.ok(emulator.amqpTlsPort > 0, 'the emulator reports its amqps port');
    client = createClient(
      buildConnectionString({ endpoint: `sb://localhost:${emulator.amqpTlsPort}/`, keyName: emulator.keyName, key: emulator.key, emulator: false }),
    );
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('sends, receives and completes over TLS', async () => {
    const sender = client.createSender('secure');
    const payload = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    await sender.sendMessages({ body: payload, messageId: 'tls-1', applicationProperties: { over: 'tls' } });
    const batch = await sender.createMessageBatch();
    assert.ok(batch.tryAddMessage({ body: 'second', messageId: 'tls-2' }));
    await sender.sendMessages(batch);
    await sender.close();

    const receiver = client.createReceiver('secure');
    const [first, second] = await receiveExactly(receiver, 2);
    assert.equal(first.messageId, 'tls-1');
    assert.equal(Buffer.compare(first.body, payload), 0);
    assert.equal(first.applicationProperties.over, 'tls');
    assert.equal(second.body, 'second');
    await receiver.completeMessage(first);
    await receiver.completeMessage(second);
    const peeked = await receiver.peekMessages(10);
    assert.equal(peeked.length, 0);
    await receiver.close();
  });
});
