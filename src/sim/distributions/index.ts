export type { DistSpec } from './spec.ts';
export { constant } from './spec.ts';
export { sampler, meanOf, normalCdf } from './sample.ts';
export type { Sampler } from './sample.ts';
export { lognormalFromMedianP99, Z_99 } from './lognormal.ts';
export { standardNormal, standardExponential } from './ziggurat.ts';
