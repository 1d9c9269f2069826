// The NDJSON files that carry a sweep across machines. A plan: the header line, then one job
// per line, each with its whole scenario document (a shard needs nothing else). Results: the
// same header, then one line per job run, in job order.
import { readFileSync } from 'node:fs';
import { BadInputError } from '../exit-codes.ts';
import type { Job } from './job.ts';
import type { MetricValue } from './metrics.ts';
import type { Plan, PlanHeader } from './plan.ts';

export interface ResultLine {
  type: 'result';
  index: number;
  seed: number | string;
  values: MetricValue[];
}

export function planText(plan: Plan): string {
  return [JSON.stringify(plan.header), ...plan.jobs.map((job) => JSON.stringify({ type: 'job', ...job }))].join('\n') + '\n';
}

export function resultsText(header: PlanHeader, lines: readonly ResultLine[]): string {
  return [JSON.stringify(header), ...lines.map((line) => JSON.stringify(line))].join('\n') + '\n';
}

export function readPlan(path: string): Plan {
  const [header, ...rest] = readLines(path);
  const jobs = rest.map((line, i) => {
    if (line.type !== 'job' || typeof line.index !== 'number' || !('document' in line)) bad(path, i + 2, 'expected a job line');
    const { type: _type, ...job } = line;
    return job as unknown as Job;
  });
  if (jobs.length !== header.jobs) bad(path, jobs.length + 2, `the header says ${header.jobs} jobs, the file has ${jobs.length}`);
  return { header, jobs };
}

export function readResults(path: string): { header: PlanHeader; lines: ResultLine[] } {
  const [header, ...rest] = readLines(path);
  const lines = rest.map((line, i) => {
    if (line.type !== 'result' || typeof line.index !== 'number' || !Array.isArray(line.values)) bad(path, i + 2, 'expected a result line');
    return line as unknown as ResultLine;
  });
  return { header, lines };
}

type Line = Record<string, unknown> & { type?: unknown; index?: unknown };

function readLines(path: string): [PlanHeader, ...Line[]] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new BadInputError(`repsim sweep: ${path}: cannot read${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`);
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line) as Line;
    } catch {
      return bad(path, i + 1, 'not a JSON line');
    }
  });
  const header = parsed[0] as Partial<PlanHeader> | undefined;
  if (!header || header.type !== 'sweep-plan') bad(path, 1, 'not a sweep plan or results file (its first line must be the plan header written by `repsim sweep --plan`)');
  if (header.version !== 1) bad(path, 1, `written by another version of repsim (format ${String(header.version)}, this one reads 1)`);
  return parsed as [PlanHeader, ...Line[]];
}

function bad(path: string, line: number, problem: string): never {
  throw new BadInputError(`repsim sweep: ${path}:${line}: ${problem}`);
}
