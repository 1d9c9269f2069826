import type { RateStep } from '../model/config.ts';
import { parseDuration, parseRate } from './units.ts';

type RateInput = string | number | { at: string | number; rate: string | number }[];

/** A validated rate or schedule → piecewise-constant RateStep[] (per second, from µs). */
export function toRateSteps(r: RateInput): RateStep[] {
  if (Array.isArray(r)) return r.map((s) => ({ atUs: parseDuration(s.at), perSec: parseRate(s.rate) }));
  return [{ atUs: 0, perSec: parseRate(r) }];
}
