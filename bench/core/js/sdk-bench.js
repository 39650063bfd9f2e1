'use strict';
// The obvious @azure/service-bus program for the same three phases as bench_core: peek in
// pages of 250, receive-and-delete with receiveMessages, send with createMessageBatch.
// Prints one JSON line: {"peek": msgs/s, "receiveAndDelete": msgs/s, "send": msgs/s}.
//   node sdk-bench.js <connection string> <peek queue> <receive queue> <send queue> <count> <size>
const path = require('node:path');

const modules = path.resolve(__dirname, '../../../tests/interop/node_modules');
const { ServiceBusClient } = require(path.join(modules, '@azure/service-bus'));

const [connectionString, peekQueue, receiveQueue, sendQueue, countText, sizeText] = process.argv.slice(2);
const count = Number(countText);
const size = Number(sizeText);

function rate(n, startNs) {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  return seconds > 0 ? n / seconds : 0;
}

async function main() {
  const client = new ServiceBusClient(connectionString);
  const result = {};
  try {
    const peeker = client.createReceiver(peekQueue);
    let start = process.hrtime.bigint();
    let peeked = 0;
    while (peeked < count) {
      // The receiver remembers the last sequence number it peeked and continues after it.
      const page = await peeker.peekMessages(250);
      if (page.length === 0) break;
      peeked += page.length;
    }
    result.peek = rate(peeked, start);
    await peeker.close();

    const receiver = client.createReceiver(receiveQueue, { receiveMode: 'receiveAndDelete' });
    start = process.hrtime.bigint();
    let received = 0;
    while (received < count) {
      const got = await receiver.receiveMessages(Math.min(500, count - received), { maxWaitTimeInMs: 5000 });
      if (got.length === 0) throw new Error(`receive ran dry after ${received}`);
      received += got.length;
    }
    result.receiveAndDelete = rate(received, start);
    await receiver.close();

    const sender = client.createSender(sendQueue);
    const body = Buffer.alloc(size, 'x');
    start = process.hrtime.bigint();
    let sent = 0;
    while (sent < count) {
      const batch = await sender.createMessageBatch();
      while (sent < count && batch.tryAddMessage({ body })) sent += 1;
      await sender.sendMessages(batch);
    }
    result.send = rate(sent, start);
    await sender.close();
  } catch (e) {
    result.error = String(e && e.message ? e.message : e);
  } finally {
    await client.close();
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
