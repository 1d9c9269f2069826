import type { ReadPolicyFactory } from './policy.ts';
import { routeTo } from './policy.ts';

/** Every read goes to the primary: always fresh, no read scaling. */
export const primaryPolicy: ReadPolicyFactory = () => ({
  route(view) {
    const p = view.primary();
    if (!p) throw new Error('no primary to route to');
    return routeTo(p, 'policy: primary');
  },
});
