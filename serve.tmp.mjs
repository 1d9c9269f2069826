import { createServer } from 'vite';
const server = await createServer({ root: process.cwd(), configFile: 'vite.config.ts', logLevel: 'error', server: { host: '127.0.0.1', port: 5391, strictPort: true, open: false } });
await server.listen();
console.log('up');
