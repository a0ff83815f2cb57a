#!/usr/bin/env node
// `npx rost …` from a checkout: run the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../server/src/cli.ts');
