// One look at the DNS change: INSYNC on every Route 53 name server (GetChange) and the Cloud Map operation
// SUCCESS (GetOperation); a failed Cloud Map operation stops the run.
import { GetChangeCommand, Route53Client } from '@aws-sdk/client-route-53';
import { GetOperationCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { RegionalFailover } from '../config.ts';
import { ChangeFailedError } from '../errors.ts';
import { topologyOf } from '../topology.ts';

const Input = z.object({
  changeId: z.string().nullable(),
  operationId: z.string().nullable(),
  poll: z.number().int().min(0),
});

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: Input,
  run: async ({ changeId, operationId, poll }, { config, now }) => {
    const { secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    let dns = 'INSYNC';
    if (changeId) {
      const { ChangeInfo } = await awsClient(Route53Client, 'us-east-1').send(new GetChangeCommand({ Id: changeId }));
      dns = ChangeInfo?.Status ?? 'PENDING';
    }
    let cloudMap = 'SUCCESS';
    if (operationId) {
      const { Operation } = await awsClient(ServiceDiscoveryClient, secondaryRegion).send(
        new GetOperationCommand({ OperationId: operationId }),
      );
      cloudMap = Operation?.Status ?? 'PENDING';
      if (cloudMap === 'FAIL')
        throw new ChangeFailedError(
          `Cloud Map operation ${operationId} failed: ${Operation?.ErrorCode} ${Operation?.ErrorMessage ?? ''}`,
        );
    }
    return { done: dns === 'INSYNC' && cloudMap === 'SUCCESS', dns, cloudMap, poll: poll + 1, at: now().toISOString() };
  },
});
