import type { WorldSettings } from '../../src/model/config.ts';
import type { TraceRecord } from '../../src/model/trace.ts';
import { scenarioFromObject } from '../../src/scenario/index.ts';

/** The resolved settings a hand-made trace's meta record carries: these nodes and groups, defaults for the rest. */
export function fixtureConfig(nodes: { id: string; role: string }[], groups: string[], durationUs: number): WorldSettings {
  const { faults: _faults, ...settings } = scenarioFromObject({ nodes, workload: groups.map((name) => ({ name })), duration: `${durationUs}us` }, 'fixture.yaml').config;
  return settings;
}

/**
 * A small hand-made trace with the shape the engine emits: one primary, two replicas (the
 * second far away and slow), an uploader group writing and a viewer group reading from
 * replicas round-robin. Deterministic; times in µs.
 */
export function fixtureTrace(opts: { writes?: number; crashAtUs?: number } = {}): TraceRecord[] {
  const writes = opts.writes ?? 20;
  const out: TraceRecord[] = [];
  const ev: TraceRecord[] = [];
  let msgId = 0;
  const nodes = [
    { id: 'primary', role: 'primary' },
    { id: 'replica-1', role: 'replica' },
    { id: 'replica-2', role: 'replica' },
  ];
  const groups = ['uploaders', 'viewers'];
  out.push({ t: 0, type: 'meta', version: 1, scenario: 'Fixture', seed: 1, durationUs: 1_000_000, nodes, groups, replication: 'async', config: fixtureConfig(nodes, groups, 1_000_000) });
  out.push({ t: 0, type: 'primary.change', node: 'primary', previous: null, term: 1, cause: 'start' });
  out.push({ t: 0, type: 'narration', text: 'Uploads go to the primary.' });
  const linkUs: Record<string, number> = { 'replica-1': 1_000, 'replica-2': 40_000 };
  const applyUs: Record<string, number> = { 'replica-1': 500, 'replica-2': 30_000 };
  const applyFree: Record<string, number> = { 'replica-1': 0, 'replica-2': 0 };
  const applied: { t: number; node: string; lsn: number }[] = [];
  const ackedAt: number[] = [];
  for (let i = 0; i < writes; i++) {
    const lsn = i + 1;
    const issue = 10_000 + i * 20_000;
    const key = i % 5;
    const commit = issue + 500 + 200;
    ev.push({ t: issue, type: 'write.issue', op: i, group: 'uploaders', session: 0, key, to: 'primary' });
    ev.push({ t: issue, type: 'msg', id: msgId++, kind: 'write', from: 'uploaders', to: 'primary', deliverAt: issue + 500, op: i, key });
    ev.push({ t: commit, type: 'write.commit', node: 'primary', op: i, lsn, term: 1, key, group: lsn });
    ev.push({ t: commit, type: 'msg', id: msgId++, kind: 'write-ack', from: 'primary', to: 'uploaders', deliverAt: commit + 500, op: i, lsn });
    ev.push({ t: commit + 500, type: 'write.ack', op: i, group: 'uploaders', session: 0, key, lsn, latencyUs: commit + 500 - issue });
    ackedAt.push(commit + 500);
    for (const r of ['replica-1', 'replica-2']) {
      if (opts.crashAtUs !== undefined && r === 'replica-1' && commit >= opts.crashAtUs) continue;
      const id = msgId++;
      const arrive = commit + linkUs[r];
      ev.push({ t: commit, type: 'msg', id, kind: 'log', from: 'primary', to: r, deliverAt: arrive, lsn, key });
      ev.push({ t: arrive, type: 'entry.receive', node: r, lsn });
      const start = Math.max(arrive, applyFree[r]);
      const done = start + applyUs[r];
      applyFree[r] = done;
      ev.push({ t: done, type: 'entry.apply', node: r, lsn, key, delayUs: done - commit });
      applied.push({ t: done, node: r, lsn });
    }
  }
  if (opts.crashAtUs !== undefined) {
    ev.push({ t: opts.crashAtUs, type: 'fault', kind: 'crash', nodes: ['replica-1'], detail: '' });
    ev.push({ t: opts.crashAtUs, type: 'node.state', node: 'replica-1', state: 'down', term: 1, role: 'replica' });
  }
  // Reads: every 15 ms a viewer reads key 0 from alternating replicas.
  for (let j = 0; j < 25; j++) {
    const t = 15_000 + j * 15_000;
    const node = j % 2 === 0 ? 'replica-1' : 'replica-2';
    if (opts.crashAtUs !== undefined && node === 'replica-1' && t >= opts.crashAtUs) continue;
    const serve = t + 500;
    const key = 0;
    const required = lastLsnOfKeyAckedBefore(ackedAt, t, key, 5);
    const version = lastLsnOfKeyAppliedBefore(applied, node, serve, key, 5);
    const stale = version < required;
    ev.push({ t, type: 'read.issue', op: 1000 + j, group: 'viewers', session: j, key, to: node, required });
    ev.push({ t, type: 'msg', id: msgId++, kind: 'read', from: 'viewers', to: node, deliverAt: serve, op: 1000 + j, key });
    ev.push({ t: serve, type: 'read.serve', op: 1000 + j, node, key, version });
    ev.push({ t: serve, type: 'msg', id: msgId++, kind: 'read-reply', from: node, to: 'viewers', deliverAt: serve + 500, op: 1000 + j, key });
    ev.push({
      t: serve + 500, type: 'read.done', op: 1000 + j, group: 'viewers', session: j, node, key, version, required,
      stale, versionsBehind: stale ? (required - version) / 5 : 0, timeBehindUs: 0,
      rywViolation: false, monotonicViolation: false, latencyUs: 1000,
    });
  }
  // Stable sort by time keeps the causal order within a timestamp.
  ev.sort((a, b) => a.t - b.t);
  return out.concat(ev);
}

function lastLsnOfKeyAckedBefore(ackedAt: number[], t: number, key: number, keys: number): number {
  let best = 0;
  ackedAt.forEach((at, i) => {
    if (at <= t && i % keys === key) best = i + 1;
  });
  return best;
}

function lastLsnOfKeyAppliedBefore(applied: { t: number; node: string; lsn: number }[], node: string, t: number, key: number, keys: number): number {
  let best = 0;
  for (const a of applied) if (a.node === node && a.t <= t && (a.lsn - 1) % keys === key) best = Math.max(best, a.lsn);
  return best;
}
