import path from 'node:path';
import { config } from 'dotenv';
import { packageRoot } from './package-root';

/**
 * Every entry point (the service and each operator command) imports this first, so they all read the
 * same `.env` — the one next to package.json, whatever the working directory — and the environment
 * wins over it. Defaults live in `loadConfig`, shared by all.
 */
export const ENV_FILE = path.join(packageRoot(), '.env');
config({ path: ENV_FILE, quiet: true });
