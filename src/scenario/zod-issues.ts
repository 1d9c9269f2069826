import type { z } from 'zod/mini';
import { didYouMean } from './did-you-mean.ts';
import type { IssuePath, RawIssue } from './issues.ts';

type Issue = z.core.$ZodIssue;

/** zod's message for an issue whose schema gave none (zod/mini loads no locale). */
const ZOD_DEFAULT_MESSAGE = 'Invalid input';

/** Turns zod's issues into one plain message per problem, unwrapping unions. */
export function fromZodIssues(issues: readonly Issue[]): RawIssue[] {
  return issues.flatMap((i) => flatten(i, []));
}

function flatten(issue: Issue, prefix: IssuePath): RawIssue[] {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const messages = issue.message.split('\n');
      return issue.keys.map((k, n) => ({
        path: [...path, k],
        message: messages.length === issue.keys.length ? messages[n] : `unknown field \`${k}\``,
        atKey: true,
      }));
    }
    case 'invalid_union': {
      const extra = issue as unknown as { note?: string; discriminator?: string; options?: unknown[] };
      if (extra.note === 'No matching discriminator' && extra.discriminator) {
        const options = (extra.options ?? []).map(String);
        const given = input && typeof input === 'object' ? (input as Record<string, unknown>)[extra.discriminator] : undefined;
        if (given === undefined) return [{ path, message: `missing \`${extra.discriminator}\`; one of ${options.join(', ')}` }];
        return [{
          path,
          message: `unknown ${extra.discriminator} \`${String(given)}\`; expected one of ${options.join(', ')}${didYouMean(String(given), options)}`,
        }];
      }
      const relevant = issue.errors.filter((branch) => !isTypeMismatch(branch));
      if (relevant.length === 1) return relevant[0].flatMap((i) => flatten(i, path));
      return [{ path, message: issue.message === ZOD_DEFAULT_MESSAGE ? `invalid value ${describe(input)}` : issue.message }];
    }
    case 'invalid_type': {
      if (input === undefined) return [{ path, message: `missing required field${typeof path.at(-1) === 'string' ? ` \`${String(path.at(-1))}\`` : ''}` }];
      const expected = issue.expected === 'int' ? 'an integer' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`;
      return [{ path, message: `expected ${expected}, got ${describe(input)}` }];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      if (input === undefined) return [{ path, message: `missing required field${typeof path.at(-1) === 'string' ? ` \`${String(path.at(-1))}\`` : ''}; one of ${values.join(', ')}` }];
      if (values.length === 1) return [{ path, message: `must be ${values[0]}, got ${describe(input)}` }];
      return [{
        path,
        message: `unknown value ${describe(input)}; expected one of ${values.join(', ')}${typeof input === 'string' ? didYouMean(input, values) : ''}`,
      }];
    }
    case 'too_small':
    case 'too_big': {
      // zod/mini has no locale: a check without its own message says just 'Invalid input'.
      if (issue.message !== ZOD_DEFAULT_MESSAGE) return [{ path, message: issue.message }];
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array' || issue.origin === 'set') {
        const n = Number(bound);
        return [{ path, message: `needs ${issue.code === 'too_small' ? 'at least' : 'at most'} ${n} item${n === 1 ? '' : 's'}` }];
      }
      if (issue.origin === 'string') return [{ path, message: issue.code === 'too_small' ? 'must not be empty' : `must be at most ${bound} characters` }];
      const rel = issue.code === 'too_small' ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
      return [{ path, message: `must be ${rel} ${String(bound)}, got ${describe(input)}` }];
    }
    default:
      return [{ path, message: issue.message }];
  }
}

/** A union branch that failed only because the value has another type altogether. */
function isTypeMismatch(branch: readonly Issue[]): boolean {
  return branch.some(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' ||
        (i.code === 'invalid_union' &&
          !(i as { note?: string }).note &&
          i.errors.length > 0 &&
          i.errors.every(isTypeMismatch))),
  );
}

/** A short description of a value for messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `\`${v.length > 40 ? `${v.slice(0, 40)}…` : v}\``;
  return String(v);
}
