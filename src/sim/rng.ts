// Alea alone: the package's main entry would also ship seven generators the engine never uses.
import alea from 'seedrandom/lib/alea.js';

/** A uniform source on [0, 1). */
export type Rng = () => number;

/**
 * Independent random streams keyed by name. Each stream is seeded from `${seed}/${name}`,
 * so adding a node or a client group creates new streams without shifting the numbers any
 * existing stream draws (common random numbers across variants of a scenario).
 * Alea is used instead of seedrandom's default ARC4, which is several times slower.
 */
export class RngStreams {
  private streams = new Map<string, Rng>();

  constructor(readonly seed: string | number) {}

  get(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      // alea() has 32 bits of resolution: ample for sampling and twice as fast as double().
      rng = alea(`${this.seed}/${name}`);
      this.streams.set(name, rng);
    }
    return rng;
  }
}
