// One look at the promotion: done when the secondary cluster writes (and no switchover or failover is in progress).
import { RDSClient } from '@aws-sdk/client-rds';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { RegionalFailover } from '../config.ts';
import { databaseState } from '../database.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({ poll: z.number().int().min(0) }),
  run: async ({ poll }, { config, now }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const state = await databaseState(awsClient(RDSClient, secondaryRegion), settings.database);
    const done = state.secondaryWrites && state.secondaryStatus === 'available';
    return {
      done,
      state: `${settings.database.secondaryClusterId} ${state.secondaryStatus}${state.moving ? `, ${state.moving}` : ''}${state.secondaryWrites ? ', writer' : ''}`,
      endpoint: done ? (state.global?.Endpoint ?? null) : null,
      poll: poll + 1,
      at: now().toISOString(),
    };
  },
});
