#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the same sources serve development and operation.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
