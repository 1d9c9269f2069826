import type { DbNode } from '../model/node.ts';

interface NodeLag {
  /** Commit time of the oldest primary entry this node has not applied; NaN when caught up. */
  oldestUnappliedUs: number;
  lastUs: number;
  /** ∫ lag dt in µs² over the run so far. */
  integralUs2: number;
  maxUs: number;
  series: number[];
  nextSampleUs: number;
}

/**
 * Lag per node (DESIGN.md): 0 when caught up, else the time since the oldest entry committed
 * on the primary that the node has not applied. Between events lag grows with slope 1, so the
 * time-weighted mean is integrated exactly; the series samples it every `intervalUs`.
 */
export class LagTracker {
  private readonly lags: NodeLag[];
  private primary: DbNode | null = null;

  constructor(
    private readonly nodes: DbNode[],
    private readonly intervalUs: number,
  ) {
    this.lags = nodes.map(() => ({ oldestUnappliedUs: NaN, lastUs: 0, integralUs2: 0, maxUs: 0, series: [], nextSampleUs: 0 }));
  }

  setPrimary(primary: DbNode | null, now: number): void {
    this.primary = primary;
    for (const n of this.nodes) this.refresh(n, now);
  }

  /** The primary committed an entry: caught-up nodes start lagging from now. */
  committed(primary: DbNode, commitUs: number): void {
    if (primary !== this.primary) return;
    const nodes = this.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const lag = this.lags[i];
      if (nodes[i] === primary || lag.oldestUnappliedUs === lag.oldestUnappliedUs) continue;
      this.advance(i, commitUs);
      lag.oldestUnappliedUs = commitUs;
    }
  }

  /** A node applied an entry (or was rolled back or repointed): recompute its lag. */
  refresh(node: DbNode, now: number): void {
    this.advance(node.index, now);
    const lag = this.lags[node.index];
    const p = this.primary;
    if (!p || node === p || node.appliedLsn >= p.log.lastLsn) {
      lag.oldestUnappliedUs = NaN;
      return;
    }
    const next = p.log.at(node.appliedLsn + 1);
    lag.oldestUnappliedUs = next ? next.commitUs : lag.lastUs;
  }

  /** Integrates node i's lag up to `now`, emitting series samples on the way. */
  private advance(i: number, now: number): void {
    const lag = this.lags[i];
    const c = lag.oldestUnappliedUs;
    while (lag.nextSampleUs <= now) {
      lag.series.push(c === c ? Math.max(0, lag.nextSampleUs - c) : 0);
      lag.nextSampleUs += this.intervalUs;
    }
    if (c === c) {
      const a = lag.lastUs - c;
      const b = now - c;
      lag.integralUs2 += (b * b - a * a) / 2;
      if (b > lag.maxUs) lag.maxUs = b;
    }
    lag.lastUs = now;
  }

  /** Lag of node i right now, in µs. */
  currentUs(i: number, now: number): number {
    const c = this.lags[i].oldestUnappliedUs;
    return c === c ? now - c : 0;
  }

  finish(endUs: number): void {
    for (let i = 0; i < this.nodes.length; i++) this.advance(i, endUs);
  }

  meanUs(i: number, durationUs: number): number {
    return durationUs > 0 ? this.lags[i].integralUs2 / durationUs : 0;
  }

  maxUs(i: number): number {
    return this.lags[i].maxUs;
  }

  seriesUs(i: number): number[] {
    return this.lags[i].series;
  }
}
