import type { FaultOf } from '../config.ts';
import type { Endpoint } from '../endpoint.ts';
import type { World } from '../world-api.ts';

/**
 * Cut every link between endpoints on different sides (nodes, client groups, or `manager`,
 * the failover manager). Symmetric by default; `oneWay` cuts only first side → second
 * side. Endpoints named on no side keep every link. Messages in flight on a cut link are
 * lost. `until` heals exactly the links this partition cut.
 */
export function partition(w: World, f: FaultOf<'partition'>): () => void {
  const sides = f.sides.map((s) => s.map((name) => w.endpointByName.get(name)).filter((e): e is Endpoint => e !== undefined));
  const generation = w.network.partitionGeneration;
  const cut: [Endpoint, Endpoint][] = [];
  const oneWay = f.oneWay;
  const nodes = f.sides.flat();
  for (let i = 0; i < sides.length; i++)
    for (let j = 0; j < sides.length; j++) {
      if (i === j || (oneWay && !(i === 0 && j === 1))) continue;
      for (const a of sides[i])
        for (const b of sides[j]) {
          if (a === b || cut.some(([x, y]) => x === a && y === b)) continue;
          w.network.cutByPartition(a, b, w.now);
          cut.push([a, b]);
        }
    }
  const text = f.sides.map((s) => `[${s.join(', ')}]`).join(oneWay ? ' -/-> ' : ' | ');
  w.observer.fault('partition', nodes, `${oneWay ? 'one-way ' : ''}partition ${text}`, w.now);
  return () => {
    for (const [a, b] of cut) w.network.releasePartitionCut(a, b, generation, w.now);
    w.observer.fault('heal', nodes, `partition ${text} healed`, w.now);
  };
}

/** Heal every cut link. */
export function heal(w: World): void {
  w.network.healAll(w.now);
  w.observer.fault('heal', [], 'all partitions healed', w.now);
}
