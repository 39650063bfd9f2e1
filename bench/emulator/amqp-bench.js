'use strict';
// One AMQP 1.0 send/receive loop (rhea) for every broker the benchmark compares, so the
// numbers differ by broker and not by client. Prints one JSON line with the result.
//
//   node amqp-bench.js --port P --address bench --scenario send|receive-and-delete|peek-lock
//        --count N --clients C [--size 1024] [--host 127.0.0.1]
//        [--sas KeyName:Key]          Service Bus style: SASL ANONYMOUS, then CBS put-token
//        [--user U --password P]      SASL PLAIN (RabbitMQ)
//        [--durable]                  set header.durable on sent messages
//        [--timeout S]                give up after S seconds (default 600)

const rhea = require('rhea');
const crypto = require('node:crypto');

// rhea reports each transfer a broker sends beyond the granted credit on stderr; count them
// instead (RabbitMQ 3.10's AMQP 1.0 plugin does this with several consumers on one queue).
let overCredit = 0;
const consoleError = console.error;
console.error = (...args) => {
  if (typeof args[0] === 'string' && args[0].startsWith('Received transfer when credit was')) overCredit += 1;
  else consoleError(...args);
};

function parseArgs(argv) {
  const out = { host: '127.0.0.1', size: 1024, clients: 1, count: 1000, durable: false };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, '');
    if (key === 'durable') out.durable = true;
    else out[key] = argv[++i];
  }
  out.port = Number(out.port);
  out.size = Number(out.size);
  out.clients = Number(out.clients);
  out.count = Number(out.count);
  if (!out.port || !out.address || !out.scenario) throw new Error('need --port, --address and --scenario');
  return out;
}

function sasToken(audience, keyName, key, ttlSeconds = 3600) {
  const expiry = Math.floor(Date.now() / 1000) + ttlSeconds;
  const encoded = encodeURIComponent(audience);
  const signature = crypto.createHmac('sha256', key).update(`${encoded}\n${expiry}`).digest('base64');
  return `SharedAccessSignature sr=${encoded}&sig=${encodeURIComponent(signature)}&se=${expiry}&skn=${encodeURIComponent(keyName)}`;
}

function once(emitter, event, errorEvents = []) {
  return new Promise((resolve, reject) => {
    emitter.once(event, resolve);
    for (const e of errorEvents) emitter.once(e, (ctx) => reject(new Error(`${e}: ${JSON.stringify(errorOf(ctx))}`)));
  });
}

function errorOf(ctx) {
  const thing = ctx && (ctx.receiver || ctx.sender || ctx.connection);
  return thing && thing.error ? thing.error : ctx && ctx.error;
}

async function connect(opts, index) {
  const container = rhea.create_container({ id: `bench-${process.pid}-${index}` });
  const options = { host: opts.host, port: opts.port, hostname: 'localhost', reconnect: false, idle_time_out: 60000 };
  if (opts.user) {
    options.username = opts.user;
    options.password = opts.password;
  } else {
    options.username = 'anonymous'; // rhea: a user name without password = SASL ANONYMOUS
  }
  const connection = container.connect(options);
  await once(connection, 'connection_open', ['connection_error', 'disconnected']);
  if (opts.sas) await putToken(connection, opts);
  return connection;
}

// Service Bus claims-based security: a SAS token for the entity, put on $cbs.
async function putToken(connection, opts) {
  const [keyName, key] = [opts.sas.slice(0, opts.sas.indexOf(':')), opts.sas.slice(opts.sas.indexOf(':') + 1)];
  const audience = `sb://localhost:${opts.port}/${opts.address}`;
  const replyTo = `cbs-${crypto.randomUUID()}`;
  const sender = connection.open_sender({ target: { address: '$cbs' } });
  const receiver = connection.open_receiver({ name: replyTo, source: { address: '$cbs' }, target: { address: replyTo } });
  await Promise.all([once(sender, 'sendable', ['sender_error']), once(receiver, 'receiver_open', ['receiver_error'])]);
  const reply = once(receiver, 'message', ['receiver_error']);
  sender.send({
    message_id: crypto.randomUUID(),
    reply_to: replyTo,
    to: '$cbs',
    application_properties: { operation: 'put-token', type: 'servicebus.windows.net:sastoken', name: audience },
    body: sasToken(audience, keyName, key),
  });
  const { message } = await reply;
  const status = message.application_properties && message.application_properties['status-code'];
  sender.close();
  receiver.close();
  if (status !== 200 && status !== 202) throw new Error(`put-token refused: ${status}`);
}

async function sendQuota(connection, opts, quota) {
  const sender = connection.open_sender({ target: { address: opts.address } });
  const payload = crypto.randomBytes(opts.size);
  let sent = 0;
  let settled = 0;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (sent < quota && sender.sendable()) {
        sender.send({ message_id: `m-${sent}`, durable: opts.durable, body: rhea.message.data_section(payload) });
        sent += 1;
      }
    };
    sender.on('sendable', pump);
    sender.on('accepted', () => {
      settled += 1;
      if (settled === quota) {
        sender.close();
        resolve(settled);
      }
    });
    const failed = (ctx) => reject(new Error(`send failed: ${JSON.stringify(ctx.delivery && ctx.delivery.remote_state)}`));
    sender.on('rejected', failed);
    sender.on('released', failed);
    sender.on('modified', failed);
    sender.on('sender_error', (ctx) => reject(new Error(`sender_error: ${JSON.stringify(errorOf(ctx))}`)));
  });
}

// Credit is granted by hand so a receiver asks for no more than its quota (in
// receive-and-delete mode an overshoot deletes messages another client was meant to get).
// A broker that still delivers past the credit gets the extras released (peek-lock) or counted
// (receive-and-delete). A receiver also stops when its source stays empty for `idleMs`, and the
// result counts up to the last message, so a short queue ends the run instead of hanging it.
async function receiveQuota(connection, opts, quota, settleOnReceive, idleMs = 2000) {
  const receiver = connection.open_receiver({
    source: { address: opts.address },
    credit_window: 0,
    autoaccept: false,
    snd_settle_mode: settleOnReceive ? 1 : 0, // settled = Service Bus receive-and-delete
    rcv_settle_mode: 0,
  });
  let received = 0;
  let granted = 0;
  let lastAt = process.hrtime.bigint();
  let finished = false;
  const window = 200;
  const topUp = () => {
    const outstanding = granted - received;
    const want = Math.min(window, quota - received) - outstanding;
    if (outstanding < window / 2 && want > 0) {
      receiver.add_credit(want);
      granted += want;
    }
  };
  return new Promise((resolve, reject) => {
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(idleCheck);
      receiver.close();
      resolve({ count: received, lastAt });
    };
    const idleCheck = setInterval(() => {
      if (Number(process.hrtime.bigint() - lastAt) / 1e6 > idleMs) finish();
    }, 100);
    receiver.on('receiver_open', topUp);
    receiver.on('message', (ctx) => {
      // rhea frees session window only for deliveries settled locally: mark pre-settled ones
      // settled too (no disposition goes out for them), or the session stalls after 2048.
      if (settleOnReceive) ctx.delivery.update(true);
      if (finished || received >= quota) {
        if (!settleOnReceive) ctx.delivery.release();
        else received += 1;
        return;
      }
      if (!settleOnReceive) ctx.delivery.accept();
      received += 1;
      lastAt = process.hrtime.bigint();
      if (received === quota) finish();
      else topUp();
    });
    receiver.on('receiver_error', (ctx) => reject(new Error(`receiver_error: ${JSON.stringify(errorOf(ctx))}`)));
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Bounded in time whatever the broker does: a stalled run fails instead of hanging.
  setTimeout(() => {
    process.stderr.write(`amqp-bench: ${opts.scenario} did not finish in ${opts.timeout || 600} s\n`);
    process.exit(2);
  }, Number(opts.timeout || 600) * 1000).unref();
  const connections = await Promise.all(Array.from({ length: opts.clients }, (_, i) => connect(opts, i)));
  const quotas = connections.map((_, i) => Math.floor(opts.count / opts.clients) + (i < opts.count % opts.clients ? 1 : 0));
  const started = process.hrtime.bigint();
  const work = connections.map((c, i) => {
    if (opts.scenario === 'send') return sendQuota(c, opts, quotas[i]);
    if (opts.scenario === 'receive-and-delete') return receiveQuota(c, opts, quotas[i], true);
    if (opts.scenario === 'peek-lock') return receiveQuota(c, opts, quotas[i], false);
    throw new Error(`unknown scenario ${opts.scenario}`);
  });
  const done = await Promise.all(work);
  // Senders resolve with a count; receivers with { count, lastAt } (idle tail excluded).
  const ended = done.reduce((latest, d) => (typeof d === 'object' && d.lastAt > latest ? d.lastAt : latest), 0n);
  const seconds = Number((ended > started ? ended : process.hrtime.bigint()) - started) / 1e9;
  const total = done.reduce((a, d) => a + (typeof d === 'object' ? d.count : d), 0);
  for (const c of connections) c.close();
  process.stdout.write(
    `${JSON.stringify({ scenario: opts.scenario, clients: opts.clients, count: total, size: opts.size, seconds: Number(seconds.toFixed(3)), rate: Math.round(total / seconds), overCredit })}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`amqp-bench: ${err.stack || err.message}\n`);
  process.exit(1);
});
