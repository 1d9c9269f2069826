import { describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../src/cli/commands/check.ts';
import type { Io } from '../../src/cli/io.ts';
import { DEFAULT_SCENARIO } from './repsim-process.ts';

// The engine failing on one file stands in for a bug: it must not hide the other files.
vi.mock('../../src/cli/run-scenario.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cli/run-scenario.ts')>();
  let calls = 0;
  return {
    ...real,
    runScenario: () => {
      calls++;
      if (calls === 2) throw new Error('engine fell over');
      return { expectations: [{ expr: 'reads.total > 0', actual: 1, pass: true }] };
    },
  };
});

describe('repsim check and an internal error in one file', () => {
  it('reports that file as an internal error (exit 3), naming it, and still checks the files after it', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t) };
    const exit = await checkCommand([DEFAULT_SCENARIO, DEFAULT_SCENARIO, DEFAULT_SCENARIO], io);
    expect(exit).toBe(3);
    expect(out).toHaveLength(2);
    expect(err.join('\n')).toContain(`repsim: ${DEFAULT_SCENARIO}: internal error: engine fell over`);
    expect(err.join('\n')).not.toMatch(/^\s+at /m);
  });
});
