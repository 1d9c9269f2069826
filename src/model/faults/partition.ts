import type { FaultConfig } from '../config.ts';
import type { LinkState } from '../message.ts';
import type { Endpoint } from '../network.ts';
import type { World } from '../world.ts';

/**
 * Per world: how many partitions in force cut each directed link, and a generation that a
 * `heal` of everything advances. Partitions may overlap; a link comes back only when the
 * last partition that cut it heals (or everything is healed).
 */
interface Cuts {
  generation: number;
  count: Map<LinkState, number>;
}
const cutsByWorld = new WeakMap<World, Cuts>();
function cutsOf(w: World): Cuts {
  let c = cutsByWorld.get(w);
  if (!c) cutsByWorld.set(w, (c = { generation: 0, count: new Map() }));
  return c;
}

/**
 * Cut every link between endpoints on different sides (nodes, client groups, or `manager`,
 * the failover manager). Symmetric by default; `oneWay` cuts only first side → second
 * side. Endpoints named on no side keep every link. Messages in flight on a cut link are
 * lost. `until` heals exactly the links this partition cut.
 */
export function partition(w: World, f: FaultConfig): () => void {
  const sides = (f.sides ?? []).map((s) => s.map((name) => w.endpointByName.get(name)).filter((e): e is Endpoint => e !== undefined));
  const cuts = cutsOf(w);
  const generation = cuts.generation;
  const cut: [Endpoint, Endpoint][] = [];
  const oneWay = f.params.oneWay === true;
  for (let i = 0; i < sides.length; i++)
    for (let j = 0; j < sides.length; j++) {
      if (i === j || (oneWay && !(i === 0 && j === 1))) continue;
      for (const a of sides[i])
        for (const b of sides[j]) {
          if (a === b || cut.some(([x, y]) => x === a && y === b)) continue;
          const link = w.network.link(a, b);
          cuts.count.set(link, (cuts.count.get(link) ?? 0) + 1);
          w.network.setLinkUp(a, b, false, 'partition', w.now);
          cut.push([a, b]);
        }
    }
  const text = (f.sides ?? []).map((s) => `[${s.join(', ')}]`).join(oneWay ? ' -/-> ' : ' | ');
  w.observer.fault('partition', f.nodes, `${oneWay ? 'one-way ' : ''}partition ${text}`, w.now);
  return () => {
    if (cuts.generation === generation) {
      for (const [a, b] of cut) {
        const link = w.network.link(a, b);
        const left = (cuts.count.get(link) ?? 1) - 1;
        cuts.count.set(link, left);
        if (left <= 0) w.network.setLinkUp(a, b, true, 'heal', w.now); // no other partition still cuts it
      }
    }
    w.observer.fault('heal', f.nodes, `partition ${text} healed`, w.now);
    afterHeal(w);
  };
}

/** Heal every cut link. */
export function heal(w: World, f: FaultConfig): void {
  const cuts = cutsOf(w);
  cuts.generation++;
  cuts.count.clear();
  for (const a of w.endpoints) for (const b of w.endpoints) if (a !== b) w.network.setLinkUp(a, b, true, 'heal', w.now);
  w.observer.fault('heal', f.nodes, 'all partitions healed', w.now);
  afterHeal(w);
}

/** Replicas whose stream broke retry on their own; nudge those idle since the cut. */
function afterHeal(w: World): void {
  for (const n of w.nodes) if (n.up && n.role === 'replica' && n.upstream && !n.upstream.streamTo[n.index]) w.replica.scheduleResubscribe(n);
}
