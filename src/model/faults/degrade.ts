import type { FaultOf } from '../config.ts';
import type { World } from '../world-api.ts';

/**
 * Make a link slow or lossy for a while: `latencyFactor` multiplies its latency,
 * `extraDelay` adds a sampled delay, `loss` loses each transmission with that probability
 * (resent like TCP after its retransmission timeout: see tcp.ts).
 * Both directions unless the fault named `from`/`to`. `until` restores the link.
 */
export function degrade(w: World, f: FaultOf<'degrade'>): (() => void) | void {
  const a = w.endpointByName.get(f.from);
  const b = w.endpointByName.get(f.to);
  if (!a || !b) return;
  const { latencyFactor: factor, loss, extraDelay: extra } = f;
  const pairs = f.oneWay ? [[a, b]] : [[a, b], [b, a]];
  for (const [x, y] of pairs) w.network.degrade(x, y, factor, loss, extra, w.now);
  const arrow = f.oneWay ? '->' : '<->';
  const nodes = [f.from, f.to];
  w.observer.fault('degrade', nodes, `link ${a.name}${arrow}${b.name} degraded (×${factor}, loss ${loss}${extra ? ', extra delay' : ''})`, w.now);
  return () => {
    for (const [x, y] of pairs) w.network.degrade(x, y, 1, 0, null, w.now);
    w.observer.fault('degrade', nodes, `link ${a.name}${arrow}${b.name} restored`, w.now);
  };
}
