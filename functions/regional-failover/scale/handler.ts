// Scales the secondary capacity up to the configured sizes (never down), each recorded.
import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { capacityClients } from '../clients.ts';
import { RegionalFailover } from '../config.ts';
import { topologyOf } from '../topology.ts';
import { scaleUp } from './scale.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({}),
  run: async (_input, { config, audit, now }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const clients = capacityClients(secondaryRegion);
    const recorder = new Recorder(false);
    const startedAt = now().toISOString();
    const updates = await recordedStep(audit, recorder, async () => {
      const ids: (string | null)[] = [];
      for (const item of settings.capacity)
        ids.push((await scaleUp(clients, item, secondaryRegion, recorder)).updateId ?? null);
      return ids;
    });
    return { startedAt, updateIds: updates, actions: audit.records };
  },
});
