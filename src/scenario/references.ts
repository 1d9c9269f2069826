import { didYouMean } from './did-you-mean.ts';
import type { IssuePath, RawIssue } from './issues.ts';
import type { ScenarioDoc } from './schema/scenario.ts';

/**
 * Checks that need the whole document: node ids named in other sections exist (and are
 * replicas where they must be), group names are unique and followed groups write, sync
 * settings fit the replicas there are. Runs only on a document whose shape is valid.
 */
export function checkReferences(doc: ScenarioDoc): RawIssue[] {
  const issues: RawIssue[] = [];
  const ids = doc.nodes.map((n) => n.id);
  const replicas = doc.nodes.filter((n) => n.role === 'replica').map((n) => n.id);

  const node = (id: string, path: IssuePath) => {
    if (!ids.includes(id)) issues.push({ path, message: `unknown node \`${id}\`${didYouMean(id, ids)}; nodes are ${ids.join(', ')}` });
  };

  // replication
  const r = doc.replication;
  const seenStandby = new Set<string>();
  r.standbys.forEach((id, i) => {
    const path = ['replication', 'standbys', i];
    if (!ids.includes(id)) node(id, path);
    else if (!replicas.includes(id)) issues.push({ path, message: `\`${id}\` is the primary; standbys must be replicas` });
    if (seenStandby.has(id)) issues.push({ path, message: `\`${id}\` is listed twice` });
    seenStandby.add(id);
  });
  if (r.mode !== 'async') {
    const candidates = r.standbys.length > 0 ? r.standbys.length : replicas.length;
    if (candidates === 0) issues.push({ path: ['replication', 'mode'], message: `${r.mode} replication needs at least one replica` });
    else if (typeof r.waitFor === 'number' && r.waitFor > candidates)
      issues.push({
        path: ['replication', 'waitFor'],
        message: `waitFor is ${r.waitFor} but there ${candidates === 1 ? 'is only 1 candidate' : `are only ${candidates} candidates`} (${r.standbys.length > 0 ? 'standbys' : 'replicas'})`,
      });
  }

  // network
  const seenLinks = new Map<string, number>();
  doc.network.links.forEach((l, i) => {
    const base = ['network', 'links', i];
    const pairs: [string, string][] = l.between ? [[l.between[0], l.between[1]], [l.between[1], l.between[0]]] : [[l.from!, l.to!]];
    if (l.between) l.between.forEach((id, j) => node(id, [...base, 'between', j]));
    else {
      node(l.from!, [...base, 'from']);
      node(l.to!, [...base, 'to']);
    }
    const [a, b] = pairs[0];
    if (a === b) issues.push({ path: base, message: `a link joins two different nodes, not \`${a}\` to itself` });
    for (const [from, to] of pairs) {
      const key = `${from}->${to}`;
      const prev = seenLinks.get(key);
      if (prev !== undefined && prev !== i) issues.push({ path: base, message: `the link ${key} is already set by network.links[${prev}]` });
      seenLinks.set(key, i);
    }
  });

  // workload
  const groups = new Map<string, number>();
  doc.workload.forEach((g, i) => {
    const prev = groups.get(g.name);
    if (prev !== undefined) issues.push({ path: ['workload', i, 'name'], message: `duplicate group name \`${g.name}\` (also workload[${prev}])` });
    else groups.set(g.name, i);
  });
  const writers = doc.workload.filter((g) => g.writes).map((g) => g.name);
  doc.workload.forEach((g, i) => {
    if (!g.follows) return;
    const path = ['workload', i, 'follows', 'group'];
    const target = g.follows.group;
    if (!groups.has(target)) issues.push({ path, message: `unknown group \`${target}\`${didYouMean(target, [...groups.keys()])}` });
    else if (!writers.includes(target)) issues.push({ path, message: `group \`${target}\` has no writes to follow` });
  });

  // faults
  doc.faults.forEach((f, i) => {
    const base = ['faults', i];
    for (const k of ['crash', 'recover', 'stallApply', 'promote', 'switchover'] as const) {
      const id = f[k];
      if (id !== undefined) node(id, [...base, k]);
    }
    if (f.partition) {
      const seen = new Map<string, number>();
      f.partition.forEach((side, s) =>
        side.forEach((id, j) => {
          const path = [...base, 'partition', s, j];
          // A side may hold nodes, client groups, or `manager` (the failover manager).
          if (id !== 'manager' && !groups.has(id)) {
            const names = [...ids, ...groups.keys(), 'manager'];
            if (!names.includes(id)) issues.push({ path, message: `unknown node \`${id}\`${didYouMean(id, names)}; partition sides hold nodes (${ids.join(', ')}), client groups or manager` });
          }
          const other = seen.get(id);
          if (other !== undefined && other !== s) issues.push({ path, message: `\`${id}\` cannot be on two sides of a partition` });
          seen.set(id, s);
        }),
      );
    }
    const d = f.degrade;
    if (d) {
      if (d.between) d.between.forEach((id, j) => node(id, [...base, 'degrade', 'between', j]));
      if (d.from !== undefined) node(d.from, [...base, 'degrade', 'from']);
      if (d.to !== undefined) node(d.to, [...base, 'degrade', 'to']);
    }
  });
  return issues;
}
