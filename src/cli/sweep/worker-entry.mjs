// A pool worker's first module: the CLI is TypeScript run through tsx (see bin/repsim.mjs),
// and a worker thread starts without the main thread's loader, so it registers tsx too.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
