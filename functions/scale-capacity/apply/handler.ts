import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { clientsIn } from '../targets/clients.ts';
import type { ScalePlan } from '../targets/kinds.ts';
import { applyChange } from './apply.ts';

const Input = z.object({ plan: z.custom<ScalePlan>((value) => typeof value === 'object' && value !== null) });

export const handler = makeHandler({
  playbook: 'scale-capacity',
  input: Input,
  run: async ({ plan }, { execution, audit }) => {
    const applied = await applyChange(clientsIn(plan.subject.region), audit, plan, execution.Name);
    return { ...applied, poll: 0, actions: audit.records };
  },
});
