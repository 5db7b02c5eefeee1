// Promotes the secondary database: SwitchoverGlobalCluster (planned), FailoverGlobalCluster with data loss allowed
// (unplanned), or PromoteReadReplicaDBCluster (a cross-region replica cluster); nothing when it writes already.
import { RDSClient } from '@aws-sdk/client-rds';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { RegionalFailover } from '../config.ts';
import { topologyOf } from '../topology.ts';
import { promote } from './promote.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({ mode: z.enum(['planned', 'unplanned']) }),
  run: async ({ mode }, { config, audit, now }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const recorder = new Recorder(false);
    const startedAt = now().toISOString();
    const started = await recordedStep(audit, recorder, () =>
      promote(awsClient(RDSClient, secondaryRegion), settings.database, mode, secondaryRegion, recorder),
    );
    return { startedAt, ...started, actions: audit.records };
  },
});
