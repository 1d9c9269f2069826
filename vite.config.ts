import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { scenarioDocuments } from './scripts/vite-scenario-documents.ts';

// The visualizer: a static site (index.html + src/ui). The engine runs in a module worker.
export default defineConfig({
  plugins: [react(), scenarioDocuments()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  // The worker's bundle otherwise keeps zod's and yaml's /* @__PURE__ */ annotations: about
  // 5 kB that only a later bundler could use.
  worker: { format: 'es', plugins: () => [scenarioDocuments()], rolldownOptions: { output: { comments: false } } },
  // No modulepreload polyfill: every browser that runs module workers preloads natively.
  build: { target: 'es2022', sourcemap: false, modulePreload: { polyfill: false } },
});
