#!/usr/bin/env node
// The `bertology` command: runs the TypeScript CLI (scripts/cli/main.ts) through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./cli/main.ts');
