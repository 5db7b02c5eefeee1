import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { clientsIn } from '../targets/clients.ts';
import type { ScalePlan } from '../targets/kinds.ts';
import { settled } from '../targets/read.ts';

// One health check of the new capacity; the state machine waits and polls (at most the plan's maxPolls).
const Input = z.object({
  plan: z.custom<ScalePlan>((value) => typeof value === 'object' && value !== null),
  applied: z.object({ updateId: z.string().optional(), poll: z.number().int().min(0) }),
});

export const handler = makeHandler({
  playbook: 'scale-capacity',
  input: Input,
  run: async ({ plan, applied }) => {
    const result = await settled(clientsIn(plan.subject.region), plan.subject, plan.change, applied);
    return { ...result, ...(applied.updateId ? { updateId: applied.updateId } : {}), poll: applied.poll + 1 };
  },
});
