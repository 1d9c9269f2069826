#!/usr/bin/env node
// A TCP relay that can cut its connections silently, for scripts/pg-silent-cut.sh.
//
//   node scripts/blackhole-proxy.mjs LISTEN_PORT TARGET_PORT
//
// Relays every connection to 127.0.0.1:LISTEN_PORT on to 127.0.0.1:TARGET_PORT. On SIGUSR1 it
// stops relaying: bytes from either side are read and thrown away, and nothing is closed,
// so both ends stay connected and hear nothing, as across a network partition that drops
// packets. New connections are then accepted and never answered, as a connect into a
// partition never completes. It prints one line, `cut <epoch ms>`, when the cut happens.
import net from 'node:net';

const [listenPort, targetPort] = process.argv.slice(2).map(Number);
if (!Number.isInteger(listenPort) || !Number.isInteger(targetPort)) {
  console.error('usage: blackhole-proxy.mjs LISTEN_PORT TARGET_PORT');
  process.exit(2);
}

let cut = false;
process.on('SIGUSR1', () => {
  cut = true;
  console.log(`cut ${Date.now()}`);
});
process.on('SIGTERM', () => process.exit(0));

/** Copies what `from` receives to `to`, until the cut; after it, reads and drops. */
function relay(from, to) {
  from.on('data', (chunk) => {
    if (!cut) to.write(chunk);
  });
  from.on('error', () => to.destroy());
  from.on('close', () => {
    if (!cut) to.destroy();
  });
}

net
  .createServer((client) => {
    if (cut) {
      client.on('data', () => {});
      client.on('error', () => {});
      return;
    }
    const server = net.connect(targetPort, '127.0.0.1');
    relay(client, server);
    relay(server, client);
  })
  .listen(listenPort, '127.0.0.1');
