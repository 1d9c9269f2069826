import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../src/cli/exit-codes.ts';
import { axisPosition, parseVary } from '../../../src/cli/sweep/spec.ts';

describe('parseVary', () => {
  it('reads a list, typing numbers and booleans as YAML would', () => {
    expect(parseVary('replication.mode=async,semi-sync,sync')).toEqual({
      path: 'replication.mode',
      spec: 'async,semi-sync,sync',
      values: ['async', 'semi-sync', 'sync'],
      axis: { kind: 'category' },
    });
    expect(parseVary('workload.0.sessions=10,20.5').values).toEqual([10, 20.5]);
    expect(parseVary('failover.automatic=true,false').values).toEqual([true, false]);
  });

  it('reads a list of durations as a numeric axis in ms', () => {
    const v = parseVary('network.latency=1ms,2s');
    expect(v.axis).toEqual({ kind: 'numeric', unit: 'ms', log: false });
    expect(v.values.map((x) => axisPosition(x, v.axis))).toEqual([1, 2000]);
  });

  it('spreads a linear range evenly, ends as written, in the range’s unit', () => {
    expect(parseVary('network.links.0.latency=1ms..100ms:5').values).toEqual(['1ms', '25.75ms', '50.5ms', '75.25ms', '100ms']);
    expect(parseVary('workload.0.sessions=10..50:5').values).toEqual([10, 20, 30, 40, 50]);
    expect(parseVary('workload.0.writes.rate=10/s..30/s:3').values).toEqual(['10/s', '20/s', '30/s']);
  });

  it('rounds duration points to whole microseconds, the engine’s resolution', () => {
    expect(parseVary('x.y=1ms..2ms:4').values).toEqual(['1ms', '1.333ms', '1.667ms', '2ms']);
  });

  it('spreads a log range by equal ratios', () => {
    const v = parseVary('nodes.1.applyTime=0.1ms..10ms:3:log');
    expect(v.values).toEqual(['0.1ms', '1ms', '10ms']);
    expect(v.axis).toEqual({ kind: 'numeric', unit: 'ms', log: true });
    expect(parseVary('a.b=1..1000:4:log').values).toEqual([1, 10, 100, 1000]);
  });

  it.each([
    ['network.links.0.latency', 'expected PATH=SPEC'],
    ['network.links.0.latency=', 'expected PATH=SPEC'],
    ['=1,2', 'expected PATH=SPEC'],
    ['network.links.0.latency=1ms..100ms', 'looks like a range'],
    ['network.links.0.latency=1ms..100ms:1', 'N must be between 2'],
    ['network.links.0.latency=1ms..1s:5', 'same unit'],
    ['network.links.0.latency=0ms..10ms:5:log', 'above 0'],
    ['network.links.0.latency=fast..slow:3', 'numbers, durations or rates'],
    ['replication.mode=async,,sync', 'empty value'],
    ['nodes..1=3', 'not a path'],
    ['seed=1,2', '--seeds'],
  ])('refuses %s, naming it and showing the accepted forms', (text, problem) => {
    let error: unknown;
    try {
      parseVary(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadInputError);
    const message = (error as Error).message;
    expect(message).toContain(`--vary ${text}`);
    expect(message).toContain(problem);
    expect(message).toContain('PATH=FROM..TO:N:log');
  });
});
