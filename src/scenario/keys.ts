import type { KeyChoice } from '../model/config.ts';

type KeysInput = number | { count: number; dist: 'uniform' | 'zipf'; s: number } | undefined;

/** A validated key choice → KeyChoice; no choice means uniform over the whole key space. */
export function toKeyChoice(k: KeysInput, keyCount: number): KeyChoice {
  if (k === undefined) return { kind: 'uniform', count: keyCount };
  if (typeof k === 'number') return { kind: 'uniform', count: k };
  return k.dist === 'zipf' ? { kind: 'zipf', count: k.count, s: k.s } : { kind: 'uniform', count: k.count };
}

/** The number of keys a choice names, if it names one. */
export function keyCountOf(k: KeysInput): number | undefined {
  if (k === undefined) return undefined;
  return typeof k === 'number' ? k : k.count;
}
