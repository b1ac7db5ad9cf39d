// The repository root, for constructs that bundle code from it.
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
