// One look at the scaled capacity: healthy when every item runs its desired size healthily.
import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { capacityHealthy, capacityName } from '../capacity.ts';
import { capacityClients } from '../clients.ts';
import { RegionalFailover } from '../config.ts';
import { ChangeFailedError } from '../errors.ts';
import { topologyOf } from '../topology.ts';

const Input = z.object({ updateIds: z.array(z.string().nullable()), poll: z.number().int().min(0) });

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: Input,
  run: async ({ updateIds, poll }, { config, now }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const clients = capacityClients(secondaryRegion);
    const states: string[] = [];
    let healthy = true;
    for (const [index, item] of settings.capacity.entries()) {
      const state = await capacityHealthy(clients, item, settings.targetGroup.name, updateIds[index] ?? undefined);
      if (state.failed) throw new ChangeFailedError(`${capacityName(item)}: ${state.failed}`);
      healthy &&= state.healthy;
      states.push(`${capacityName(item)}: ${state.text}`);
    }
    return { healthy, states, poll: poll + 1, at: now().toISOString() };
  },
});
