'use strict';
// AMQP over WebSockets (subprotocol AMQPWSB10, path /$servicebus/websocket) with the SDK's own
// WebSocket transport. The SDK always dials wss://; the emulator's WebSocket listener is plain
// ws:// on loopback, so the socket class given to the SDK swaps the scheme and nothing else.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const WebSocket = require('ws');
const { startEmulator, buildConnectionString } = require('../lib/emulator');
const { createClient, receiveExactly } = require('../lib/helpers');

const dialed = [];
class LoopbackWebSocket extends WebSocket {
  constructor(url, protocols, options) {
    dialed.push({ url, protocols });
    super(String(url).replace(/^wss:/, 'ws:'), protocols, options);
  }
}

describe('websocket', () => {
  let emulator;
  let client;

  before(async () => {
    emulator = await startEmulator({ config: { queues: [{ name: 'over-ws' }] }, webSocket: true });
    assert.match(emulator.wsUrl, /^ws:\/\/localhost:\d+\/\$servicebus\/websocket$/);
    client = createClient(
      buildConnectionString({ endpoint: `sb://localhost:${emulator.wsPort}/`, keyName: emulator.keyName, key: emulator.key }),
      { webSocketOptions: { webSocket: LoopbackWebSocket } },
    );
  });

  after(async () => {
    if (client) await client.close();
    if (emulator) await emulator.stop();
  });

  it('sends, receives and settles over AMQPWSB10', async () => {
    const sender = client.createSender('over-ws');
    const payload = Buffer.alloc(70 * 1024, 0x5a); // several WebSocket messages' worth of frames
    await sender.sendMessages([
      { body: payload, messageId: 'ws-1' },
      { body: { via: 'websocket' }, messageId: 'ws-2' },
    ]);
    await sender.close();

    const receiver = client.createReceiver('over-ws');
    const [big, small] = await receiveExactly(receiver, 2);
    assert.equal(Buffer.compare(big.body, payload), 0);
    assert.deepEqual(small.body, { via: 'websocket' });
    await receiver.completeMessage(big);
    await receiver.abandonMessage(small);
    const [again] = await receiveExactly(receiver, 1);
    assert.equal(again.messageId, 'ws-2');
    assert.equal(again.deliveryCount, small.deliveryCount + 1);
    await receiver.completeMessage(again);
    await receiver.close();

    assert.ok(dialed.length > 0, 'the SDK went through the WebSocket transport');
    assert.match(String(dialed[0].url), new RegExp(`^wss://localhost:${emulator.wsPort}/\\$servicebus/websocket$`));
    assert.deepEqual(dialed[0].protocols, ['AMQPWSB10']);
  });
});
