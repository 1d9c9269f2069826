#!/usr/bin/env node
// Launcher: the CLI is TypeScript run through tsx, so there is no build step to forget.
// Paths resolve from this file, not the cwd, so `npx repsim` works from anywhere.
import { register } from 'tsx/esm/api';

register();

try {
  const { main } = await import(new URL('../src/cli/main.ts', import.meta.url).href);
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Only reached if the CLI itself fails to load; main() handles everything else.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`repsim: internal error: ${message}\n`);
  if (process.env.REPSIM_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 3;
}
