#!/usr/bin/env node
// `npm start`: serves the visualizer (Vite dev server) on 127.0.0.1, says where, and opens a
// browser when there is one. Without a desktop (SSH, a container, CI) it says how to reach the
// page instead of failing silently. PORT=8080 npm start picks the port; NO_OPEN=1 skips the browser.
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const port = Number(process.env.PORT) || 5173;
const server = await createServer({ server: { host: '127.0.0.1', port, open: false } });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${server.config.server.port}/`;
console.log(`\n  repsim is served at ${url}\n  (Ctrl+C stops it)\n`);

const opener = process.platform === 'darwin' ? ['open', [url]]
  : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]]
  : process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? ['xdg-open', [url]] : null;
const noBrowser = (why) => console.log(`  No browser opened (${why}). Open ${url} in a browser on this machine,\n  or from another one forward the port first: ssh -L ${new URL(url).port}:127.0.0.1:${new URL(url).port} this-host\n`);
if (process.env.NO_OPEN) noBrowser('NO_OPEN is set');
else if (!opener) noBrowser('no desktop: neither DISPLAY nor WAYLAND_DISPLAY is set');
else {
  const child = spawn(opener[0], opener[1], { stdio: 'ignore', detached: true });
  child.on('error', (e) => noBrowser(`${opener[0]} could not start: ${e.message}`));
  child.on('exit', (code) => { if (code) noBrowser(`${opener[0]} exited with ${code}`); });
  child.unref();
}
