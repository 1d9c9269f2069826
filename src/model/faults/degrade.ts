import type { FaultConfig } from '../config.ts';
import type { DistSpec } from '../../sim/distributions/index.ts';
import type { World } from '../world.ts';

/**
 * Make a link slow or lossy for a while: `latencyFactor` multiplies its latency,
 * `extraDelay` adds a sampled delay, `loss` drops each message with that probability.
 * Both directions unless the fault named `from`/`to`. `until` restores the link.
 */
export function degrade(w: World, f: FaultConfig): (() => void) | void {
  const a = w.endpointByName.get(f.nodes[0]);
  const b = w.endpointByName.get(f.nodes[1]);
  if (!a || !b) return;
  const factor = typeof f.params.latencyFactor === 'number' ? f.params.latencyFactor : 1;
  const loss = typeof f.params.loss === 'number' ? f.params.loss : 0;
  const extra = typeof f.params.extraDelay === 'string' ? (JSON.parse(f.params.extraDelay) as DistSpec) : null;
  const pairs = f.params.oneWay === true ? [[a, b]] : [[a, b], [b, a]];
  for (const [x, y] of pairs) w.network.degrade(x, y, factor, loss, extra, w.now);
  const arrow = f.params.oneWay === true ? '->' : '<->';
  w.observer.fault('degrade', f.nodes, `link ${a.name}${arrow}${b.name} degraded (×${factor}, loss ${loss}${extra ? ', extra delay' : ''})`, w.now);
  return () => {
    for (const [x, y] of pairs) w.network.degrade(x, y, 1, 0, null, w.now);
    w.observer.fault('degrade', f.nodes, `link ${a.name}${arrow}${b.name} restored`, w.now);
  };
}
