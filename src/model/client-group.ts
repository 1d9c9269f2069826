import type { RngStreams } from '../sim/rng.ts';
import { sampler, type Sampler } from '../sim/distributions/index.ts';
import type { RoutingConfig, WorkloadGroupConfig } from './config.ts';
import type { Endpoint } from './endpoint.ts';
import { PoissonArrivals } from './workload/arrivals.ts';
import { keyPicker, type KeyPicker } from './workload/keys.ts';
import type { Version } from './version.ts';

/**
 * A workload group: `sessions` users issuing writes and reads. The group is one network
 * endpoint (its users sit behind the same client links); per-session state is kept in
 * arrays indexed by session.
 */
export class ClientGroup implements Endpoint {
  readonly isClient = true;
  up = true;
  incarnation = 0;

  readonly writeArrivals: PoissonArrivals | null;
  readonly readArrivals: PoissonArrivals | null;
  readonly writeKey: KeyPicker | null;
  readonly readKey: KeyPicker | null;
  /** Picks which session issues an arrival. */
  readonly pickSession: () => number;
  readonly viewOwnDelay: Sampler | null;
  readonly viewOwnRng: () => number;
  readonly followDelay: Sampler | null;
  /** Extra apply time of each write (its size); null = every write costs only applyTime. */
  readonly writeCost: Sampler | null;

  /** Version of each session's last acknowledged write (any key): its read-your-writes token. */
  readonly lastWriteVersion: Float64Array;
  /** When each session's last write was acknowledged (for primary-after-write routing). */
  readonly lastWriteAckUs: Float64Array;
  /** Newest version each session has read (any key): its monotonic-reads token. */
  readonly lastReadVersion: Float64Array;
  /** Groups whose reads follow this group's writes. */
  readonly followers: ClientGroup[] = [];

  constructor(
    readonly config: WorkloadGroupConfig,
    readonly groupIndex: number,
    readonly index: number,
    readonly routing: RoutingConfig,
    rng: RngStreams,
  ) {
    const name = config.name;
    const stream = (part: string) => rng.get(`workload/${name}/${part}`);
    this.writeArrivals = config.writes ? new PoissonArrivals(config.writes.rate, stream('writes')) : null;
    this.readArrivals = config.reads ? new PoissonArrivals(config.reads.rate, stream('reads')) : null;
    this.writeKey = config.writes ? keyPicker(config.writes.keys, stream('write-keys')) : null;
    this.readKey = config.reads ? keyPicker(config.reads.keys, stream('read-keys')) : null;
    const sessionRng = stream('sessions');
    const n = config.sessions;
    this.pickSession = () => Math.floor(sessionRng() * n);
    const own = config.writes?.viewOwn;
    this.viewOwnDelay = own ? sampler(own.delay, stream('view-own')) : null;
    this.viewOwnRng = stream('view-own/coin');
    this.followDelay = config.follows ? sampler(config.follows.delay, stream('follow')) : null;
    this.writeCost = config.writes?.cost ? sampler(config.writes.cost, stream('write-cost')) : null;
    this.lastWriteVersion = new Float64Array(n);
    this.lastWriteAckUs = new Float64Array(n).fill(-Infinity);
    this.lastReadVersion = new Float64Array(n);
  }

  get name(): string {
    return this.config.name;
  }

  get sessions(): number {
    return this.config.sessions;
  }
}

/** Session tokens are versions; re-exported for policies. */
export type { Version };
