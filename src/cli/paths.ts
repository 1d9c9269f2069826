import { fileURLToPath } from 'node:url';

/** The package root, found from this file so it does not depend on the cwd. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What `repsim run` runs when given no FILE. */
export const DEFAULT_SCENARIO_PATH = fileURLToPath(new URL('../../scenarios/photo-upload.yaml', import.meta.url));
