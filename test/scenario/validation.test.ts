import { describe, expect, it } from 'vitest';
import { BASE, issuesOf } from './helpers.ts';

interface Case {
  rule: string;
  /** Appended to BASE (which ends on line 4) unless `whole` is set. */
  yaml: string;
  whole?: boolean;
  path: string;
  line: number;
  message: RegExp;
}

const cases: Case[] = [
  { rule: 'an unknown field gets a did-you-mean at its key', yaml: 'duraton: 5s\n', path: 'duraton', line: 5, message: /unknown field `duraton` \(did you mean `duration`\?\)/ },
  {
    rule: 'an unknown field inside a list item names its index',
    yaml: 'nodes:\n  - { id: p, role: primary }\n  - { id: r, role: replica }\n  - { id: q, role: replica, aplyTime: 2ms }\n',
    whole: true,
    path: 'nodes[2].aplyTime',
    line: 4,
    message: /did you mean `applyTime`/,
  },
  { rule: 'a malformed duration is refused', yaml: 'duration: 5 parsecs\n', path: 'duration', line: 5, message: /expected a duration/ },
  { rule: 'a negative duration is refused', yaml: 'duration: -5\n', path: 'duration', line: 5, message: /must not be negative/ },
  { rule: 'a scenario needs at least one node', yaml: 'nodes: []\n', whole: true, path: 'nodes', line: 1, message: /at least one node/ },
  { rule: 'a scenario without nodes is refused', yaml: 'name: x\n', whole: true, path: 'nodes', line: 1, message: /missing required field `nodes`/ },
  { rule: 'exactly one node is primary, not none', yaml: 'nodes:\n  - { id: a, role: replica }\n', whole: true, path: 'nodes', line: 2, message: /exactly one node must have role: primary/ },
  { rule: 'exactly one node is primary, not two', yaml: 'nodes:\n  - { id: a, role: primary }\n  - { id: b, role: primary }\n', whole: true, path: 'nodes[1].role', line: 3, message: /there are 2/ },
  { rule: 'node ids are unique', yaml: 'nodes:\n  - { id: a, role: primary }\n  - { id: a, role: replica }\n', whole: true, path: 'nodes[1].id', line: 3, message: /duplicate node id `a`/ },
  { rule: 'node ids are plain words', yaml: 'nodes:\n  - { id: "a b", role: primary }\n', whole: true, path: 'nodes[0].id', line: 2, message: /node id/ },
  { rule: 'an unknown role gets a did-you-mean', yaml: 'nodes:\n  - { id: a, role: primari }\n', whole: true, path: 'nodes[0].role', line: 2, message: /did you mean `primary`/ },
  { rule: 'applyWorkers is at least 1', yaml: 'nodes:\n  - { id: a, role: primary, applyWorkers: 0 }\n', whole: true, path: 'nodes[0].applyWorkers', line: 2, message: /≥ 1/ },
  { rule: 'an unknown distribution gets a did-you-mean', yaml: 'replication:\n  commitTime: { dist: lognormall, median: 1ms, p99: 2ms }\n', path: 'replication.commitTime.dist', line: 6, message: /did you mean `lognormal`/ },
  { rule: 'a distribution parameter must be a duration', yaml: 'replication:\n  commitTime:\n    dist: exponential\n    mean: fast\n', path: 'replication.commitTime.mean', line: 8, message: /expected a duration/ },
  { rule: 'a lognormal p99 must be above its median', yaml: 'network:\n  latency: { dist: lognormal, median: 5ms, p99: 1ms }\n', path: 'network.latency.p99', line: 6, message: /p99 \(1ms\) must be above the median \(5ms\)/ },
  { rule: 'a lognormal needs both median and p99', yaml: 'network:\n  latency: { dist: lognormal, median: 5ms }\n', path: 'network.latency', line: 6, message: /missing `p99`/ },
  { rule: 'a uniform min must not exceed max', yaml: 'network:\n  latency: { dist: uniform, min: 5ms, max: 1ms }\n', path: 'network.latency.max', line: 6, message: /must not be below min/ },
  { rule: 'a pareto shape is positive', yaml: 'network:\n  latency: { dist: pareto, scale: 1ms, shape: 0 }\n', path: 'network.latency.shape', line: 6, message: /> 0/ },
  { rule: 'an unknown replication mode gets a did-you-mean', yaml: 'replication: { mode: semisync }\n', path: 'replication.mode', line: 5, message: /did you mean `semi-sync`/ },
  { rule: 'waitFor cannot exceed the replicas for sync', yaml: 'replication: { mode: sync, waitFor: 3 }\n', path: 'replication.waitFor', line: 5, message: /only 2 candidates/ },
  { rule: 'standbys must be known nodes', yaml: 'replication:\n  standbys: [r1, r3]\n', path: 'replication.standbys[1]', line: 6, message: /unknown node `r3`/ },
  { rule: 'standbys must be replicas', yaml: 'replication:\n  standbys: [p]\n', path: 'replication.standbys[0]', line: 6, message: /standbys must be replicas/ },
  { rule: 'a link must name known nodes', yaml: 'network:\n  links:\n    - { between: [p, r9], latency: 5ms }\n', path: 'network.links[0].between[1]', line: 7, message: /unknown node `r9`/ },
  { rule: 'a one-way link needs both ends', yaml: 'network:\n  links:\n    - { from: p, latency: 5ms }\n', path: 'network.links[0]', line: 7, message: /missing `to`/ },
  { rule: 'a rate must be well-formed', yaml: 'workload:\n  - name: g\n    writes: { rate: 20/day }\n', path: 'workload[0].writes.rate', line: 7, message: /rate such as 20\/s/ },
  { rule: 'a rate schedule starts at 0', yaml: 'workload:\n  - name: g\n    writes:\n      rate: [{ at: 1s, rate: 5 }]\n', path: 'workload[0].writes.rate[0].at', line: 8, message: /first step .* at 0/ },
  { rule: 'sessions is a whole number of at least 1', yaml: 'workload:\n  - name: g\n    sessions: 0\n', path: 'workload[0].sessions', line: 7, message: /≥ 1/ },
  { rule: 'a key space is at most 10 million keys', yaml: 'workload:\n  - name: g\n    writes: { rate: 1, keys: 1000000000 }\n', path: 'workload[0].writes.keys', line: 7, message: /at most 10,000,000 keys/ },
  { rule: 'zipf keys need a known key distribution', yaml: 'workload:\n  - name: g\n    reads: { rate: 1, keys: { count: 10, dist: zipff } }\n', path: 'workload[0].reads.keys.dist', line: 7, message: /did you mean `zipf`/ },
  { rule: 'group names are unique', yaml: 'workload:\n  - name: g\n  - name: g\n', path: 'workload[1].name', line: 7, message: /duplicate group name `g`/ },
  { rule: 'follows names a group that exists', yaml: 'workload:\n  - name: up\n    writes: { rate: 1 }\n  - name: fans\n    follows: { group: upp }\n', path: 'workload[1].follows.group', line: 9, message: /unknown group `upp` \(did you mean `up`\?\)/ },
  { rule: 'follows names a group that writes', yaml: 'workload:\n  - name: readers\n    reads: { rate: 1 }\n  - name: fans\n    follows: { group: readers }\n', path: 'workload[1].follows.group', line: 9, message: /no writes to follow/ },
  { rule: 'viewOwn probability lies in 0..1', yaml: 'workload:\n  - name: g\n    writes: { rate: 1, viewOwn: { probability: 1.5 } }\n', path: 'workload[0].writes.viewOwn.probability', line: 7, message: /≤ 1/ },
  { rule: 'an unknown routing policy gets a did-you-mean', yaml: 'routing: { reads: least-lagg }\n', path: 'routing.reads', line: 5, message: /did you mean `least-lag`/ },
  // routing.interval was accepted and read by nothing; it is gone, so a file still setting it is told so.
  { rule: 'routing.interval is an unknown field', yaml: 'routing:\n  reads: least-lag\n  interval: 1s\n', path: 'routing.interval', line: 7, message: /unknown field `interval`/ },
  { rule: 'an unknown failover key gets a did-you-mean', yaml: 'failover: { heartbeats: 1s }\n', path: 'failover.heartbeats', line: 5, message: /did you mean `heartbeat`/ },
  { rule: 'fencing is one of the known modes', yaml: 'failover: { fencing: leases }\n', path: 'failover.fencing', line: 5, message: /did you mean `lease`/ },
  { rule: 'a fault names a known node', yaml: 'faults:\n  - { at: 1s, crash: primary }\n', path: 'faults[0].crash', line: 6, message: /unknown node `primary`; nodes are p, r1, r2/ },
  { rule: 'a fault does exactly one thing', yaml: 'faults:\n  - { at: 1s, crash: p, recover: r1 }\n', path: 'faults[0].recover', line: 6, message: /does one thing/ },
  { rule: 'a fault needs an action', yaml: 'faults:\n  - { at: 1s }\n', path: 'faults[0]', line: 6, message: /needs one of: crash/ },
  { rule: 'until must come after at', yaml: 'faults:\n  - at: 5s\n    partition: [[p], [r1]]\n    until: 2s\n', path: 'faults[0].until', line: 8, message: /must be after at/ },
  { rule: 'until applies only to faults that last', yaml: 'faults:\n  - { at: 5s, crash: p, until: 6s }\n', path: 'faults[0].until', line: 6, message: /does not apply to crash/ },
  { rule: 'partition sides name known nodes', yaml: 'faults:\n  - { at: 1s, partition: [[p], [r1, rx]] }\n', path: 'faults[0].partition[1][1]', line: 6, message: /unknown node `rx`/ },
  { rule: 'a node is on one side of a partition only', yaml: 'faults:\n  - { at: 1s, partition: [[p, r1], [r1]] }\n', path: 'faults[0].partition[1][0]', line: 6, message: /two sides/ },
  { rule: 'degrade loss lies in 0..1', yaml: 'faults:\n  - { at: 1s, degrade: { between: [p, r1], loss: 2 } }\n', path: 'faults[0].degrade.loss', line: 6, message: /≤ 1/ },
  { rule: 'an unknown fault action gets a did-you-mean', yaml: 'faults:\n  - { at: 1s, crsh: p }\n', path: 'faults[0].crsh', line: 6, message: /did you mean `crash`/ },
  { rule: 'an expectation names a report field', yaml: 'expect:\n  - reads.stalefraction < 0.1\n', path: 'expect[0]', line: 6, message: /unknown report field `reads.stalefraction` \(did you mean `staleFraction`\?\)/ },
  { rule: 'an expectation starts with a top-level report key', yaml: 'expect:\n  - x == 1\n  - writs.acknowledged > 0\n', path: 'expect[1]', line: 7, message: /did you mean `writes`/ },
  { rule: 'an expectation has valid syntax', yaml: 'expect:\n  - reads.total >\n', path: 'expect[0]', line: 6, message: /expected a value/ },
  { rule: 'narration text is not empty', yaml: 'narration:\n  - { at: 1s, text: "" }\n', path: 'narration[0].text', line: 6, message: /must not be empty/ },
  { rule: 'monitor interval is a duration', yaml: 'monitor: { interval: often }\n', path: 'monitor.interval', line: 5, message: /expected a duration/ },
  // Bounds the engine needs (issue 16): each of these used to hang, exhaust memory or abort.
  { rule: 'a heartbeat of 0 is refused (it would repeat forever at one instant)', yaml: 'failover: { heartbeat: 0 }\n', path: 'failover.heartbeat', line: 5, message: /at least 1ms/ },
  { rule: 'a reconnect delay of 0 is refused', yaml: 'replication: { reconnect: 0 }\n', path: 'replication.reconnect', line: 5, message: /at least 1ms/ },
  { rule: 'a series interval under 1ms is refused', yaml: 'report: { seriesInterval: 1us }\n', path: 'report.seriesInterval', line: 5, message: /at least 1ms/ },
  { rule: 'a monitor interval of 0 is refused', yaml: 'monitor: { interval: 0 }\n', path: 'monitor.interval', line: 5, message: /at least 1ms/ },
  { rule: 'a duration beyond a century is refused with its line', yaml: 'duration: 1e308\n', path: 'duration', line: 5, message: /at most 100 years/ },
  { rule: 'a distribution parameter beyond a century is refused', yaml: 'network: { latency: { dist: normal, mean: 1ms, stdev: 1e300 } }\n', path: 'network.latency.stdev', line: 5, message: /at most 100 years/ },
  { rule: 'a vanishing rate is refused (its gaps would be infinite)', yaml: 'workload:\n  - { name: w, writes: { rate: 1e-320 } }\n', path: 'workload[0].writes.rate', line: 6, message: /between 1\/h and 10,000,000\/s/ },
  { rule: 'sessions are bounded', yaml: 'workload:\n  - { name: w, sessions: 9007199254740991, writes: { rate: 1/s } }\n', path: 'workload[0].sessions', line: 6, message: /≤ 10000000/ },
  {
    rule: 'the number of nodes is bounded (every pair of endpoints has two links)',
    yaml: `nodes:\n  - { id: p, role: primary }\n${Array.from({ length: 200 }, (_, i) => `  - { id: r${i}, role: replica }\n`).join('')}`,
    whole: true,
    path: 'nodes',
    line: 2, // the list starts on the line after `nodes:`
    message: /at most 200 nodes/,
  },
  { rule: 'apply workers are bounded', yaml: 'nodes:\n  - { id: p, role: primary }\n  - { id: r, role: replica, applyWorkers: 1000000000 }\n', whole: true, path: 'nodes[1].applyWorkers', line: 3, message: /≤ 1024/ },
];

describe('validation: every rule reports the field path and line', () => {
  for (const c of cases) {
    it(c.rule, () => {
      const issues = issuesOf(c.whole ? c.yaml : BASE + c.yaml);
      const hit = issues.find((i) => i.path === c.path);
      expect(hit, `issues were:\n${issues.map((i) => `${i.path}@${i.line}: ${i.message}`).join('\n')}`).toBeDefined();
      expect(hit!.message).toMatch(c.message);
      expect(hit!.line).toBe(c.line);
      expect(hit!.file).toBe('test.yaml');
    });
  }
});

describe('collecting issues', () => {
  it('reports every shape problem in one error, in file order', () => {
    const issues = issuesOf(`${BASE}duraton: 5s\nreplication: { mode: nope }\nrouting: { reads: x }\n`);
    expect(issues.map((i) => i.path)).toEqual(['duraton', 'replication.mode', 'routing.reads']);
    expect(issues.map((i) => i.line)).toEqual([5, 6, 7]);
  });

  it('points an unknown field at its key with line and column', () => {
    const [issue] = issuesOf(`${BASE}failover:\n  automatic: true\n  missedBeat: 2\n`);
    expect(issue).toMatchObject({ path: 'failover.missedBeat', line: 7, column: 3 });
  });
});
