import { describe, expect, it } from 'vitest';
import { levenshtein, suggest } from '../../src/scenario/did-you-mean.ts';

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(levenshtein('aplyTime', 'applyTime')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
  });

  it('suggests the nearest name within two edits, ignoring case', () => {
    expect(suggest('aplyTime', ['applyTime', 'applyWorkers'])).toBe('applyTime');
    expect(suggest('LEAST-LAG', ['least-lag', 'primary'])).toBe('least-lag');
  });

  it('suggests a name the word is a prefix of', () => {
    expect(suggest('bounded', ['bounded-staleness', 'primary'])).toBe('bounded-staleness');
  });

  it('does not suggest unrelated names for short words', () => {
    expect(suggest('x', ['id', 'role'])).toBeUndefined();
    expect(suggest('zzzzzz', ['applyTime'])).toBeUndefined();
  });
});
