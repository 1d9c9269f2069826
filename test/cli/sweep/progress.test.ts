import { describe, expect, it } from 'vitest';
import { formatSeconds, progressBar } from '../../../src/cli/sweep/progress.ts';

function target(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 100, writes, write: (text: string) => writes.push(text) };
}

describe('progressBar', () => {
  it('draws runs done, the rate and a bar on a terminal, and ends the line when finished', () => {
    const t = target(true);
    const bar = progressBar(4, t, true);
    bar.update(0);
    bar.update(4);
    bar.finish();
    expect(t.writes[0]).toMatch(/^\r\[-{24}\] 0\/4 runs, [\d.]+ runs\/s/);
    expect(t.writes[1]).toMatch(/^\r\[#{24}\] 4\/4 runs, [\d.]+ runs\/s\x1b\[K$/);
    expect(t.writes[2]).toBe('\n');
  });

  it('is silent when stderr is not a terminal, or with --quiet', () => {
    for (const [tty, enabled] of [[false, true], [true, false]] as const) {
      const t = target(tty);
      const bar = progressBar(3, t, enabled);
      bar.update(1);
      bar.update(3);
      bar.finish();
      expect(t.writes).toEqual([]);
    }
  });

  it('says the time left in seconds, minutes or hours', () => {
    expect(formatSeconds(12.2)).toBe('13 s');
    expect(formatSeconds(125)).toBe('2 min 5 s');
    expect(formatSeconds(7300)).toBe('2 h 2 min');
  });
});
