#!/usr/bin/env node
// Runs the TypeScript CLI directly, so `tasleem` works right after npm install with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
