// Points the record at the secondary load balancer (UPSERT; validated again just before, as the pre-check did) and
// lowers the Cloud Map service's TTL where configured (UpdateService keeps every record, only the TTL changes).
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { ServiceDiscoveryClient, UpdateServiceCommand } from '@aws-sdk/client-servicediscovery';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { VerificationFailedError } from '../../shared/errors/errors.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { Recorder, recordedStep } from '../../shared/instance/steps.ts';
import { RegionalFailover } from '../config.ts';
import { describeRecordSet, planDns } from '../dns.ts';
import { topologyOf } from '../topology.ts';
import { applyDns } from './apply.ts';

const Input = z.object({
  cloudMap: z
    .object({
      serviceId: z.string(),
      ttl: z.number(),
      records: z.array(z.object({ Type: z.string(), TTL: z.number() })),
    })
    .nullable(),
});

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: Input,
  run: async ({ cloudMap }, { config, audit, execution, now }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const startedAt = now().toISOString();
    const route53 = awsClient(Route53Client, 'us-east-1');
    const { plan, problems } = await planDns(
      route53,
      awsClient(ElasticLoadBalancingV2Client, secondaryRegion),
      settings.dns,
    );
    if (!plan) throw new VerificationFailedError(`the DNS change is no longer valid: ${problems.join('; ')}`);
    const recorder = new Recorder(false);
    const resource = `arn:aws:route53:::hostedzone/${plan.hostedZoneId.replace(/^\/hostedzone\//, '')}`;
    const changed = await recordedStep(audit, recorder, async () => {
      let changeId: string | undefined;
      if (plan.inPlace) {
        recorder.note({
          action: 'route53:ChangeResourceRecordSets',
          resource,
          region: 'global',
          outcome: 'already-done',
          detail: { record: describeRecordSet(plan.recordSet) },
        });
      } else {
        changeId = await recorder.act(
          {
            action: 'route53:ChangeResourceRecordSets',
            resource,
            region: 'global',
            detail: { upsert: describeRecordSet(plan.recordSet), was: plan.current },
          },
          () => applyDns(route53, plan, `idp-autopilot regional-failover ${execution.Name}`),
          { resultDetail: (id) => ({ changeId: id }) },
        );
      }
      let operationId: string | undefined;
      if (cloudMap) {
        const output = await recorder.act(
          {
            action: 'servicediscovery:UpdateService',
            resource: cloudMap.serviceId,
            region: secondaryRegion,
            detail: { ttl: cloudMap.ttl },
          },
          () =>
            awsClient(ServiceDiscoveryClient, secondaryRegion).send(
              new UpdateServiceCommand({
                Id: cloudMap.serviceId,
                Service: {
                  DnsConfig: { DnsRecords: cloudMap.records.map((r) => ({ Type: r.Type as 'A', TTL: cloudMap.ttl })) },
                },
              }),
            ),
          { resultDetail: (out) => ({ operationId: out.OperationId }) },
        );
        operationId = output?.OperationId;
      }
      return { changeId: changeId ?? null, operationId: operationId ?? null };
    });
    return { startedAt, ...changed, record: describeRecordSet(plan.recordSet), actions: audit.records };
  },
});
