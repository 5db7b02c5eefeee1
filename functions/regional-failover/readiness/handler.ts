import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import type { CheckResult } from '../checks.ts';
import { readinessOf } from './readiness.ts';

const Check = z.custom<CheckResult>((value) => typeof value === 'object' && value !== null && 'problems' in value);
const Input = z.object({
  mode: z.enum(['planned', 'unplanned']),
  checks: z.object({ app: Check, replication: Check, database: Check, bucket: Check, dns: Check }),
});

export const handler = makeHandler({
  playbook: 'regional-failover',
  input: Input,
  run: async ({ mode, checks }, { now }) => ({
    ...readinessOf(mode, checks as Parameters<typeof readinessOf>[1]),
    at: now().toISOString(),
  }),
});
