// Writing a varied value into a scenario document, for the command line (see spec.ts).
import { withValueAt as withValueAtShared } from '../../scenario/vary/document-path.ts';
import { asBadInput, type VaryValue } from './spec.ts';

export function withValueAt(document: unknown, path: string, value: VaryValue): unknown {
  return asBadInput(() => withValueAtShared(document, path, value));
}
