// Pre-check: the DNS change is valid before anything is promoted (zone, record type, target), and the Cloud Map
// service, where configured, exists with DNS records whose TTL can be lowered. Returns the planned change.
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { GetServiceCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { type Problem, refusal, result } from '../checks.ts';
import { RegionalFailover } from '../config.ts';
import { describeRecordSet, planDns } from '../dns.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({}),
  run: async (_input, { config }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const check = 'DNS';
    const problems: Problem[] = [];
    const found: string[] = [];
    let dnsPlan = null;
    try {
      const { plan, problems: refused } = await planDns(
        awsClient(Route53Client, 'us-east-1'),
        awsClient(ElasticLoadBalancingV2Client, secondaryRegion),
        settings.dns,
      );
      for (const text of refused) problems.push({ check, text, blocks: 'both' });
      if (plan) {
        dnsPlan = plan;
        found.push(`${settings.dns.recordName} now: ${plan.current.join('; ') || 'no record'}`);
        found.push(
          plan.inPlace
            ? 'already points at the secondary load balancer'
            : `UPSERT ${describeRecordSet(plan.recordSet)}`,
        );
      }
    } catch (error) {
      problems.push({
        check,
        text: `Route 53 or the secondary load balancer not readable: ${refusal(error)}`,
        blocks: 'both',
      });
    }
    let cloudMap = null;
    if (settings.serviceDiscovery) {
      const { serviceId, ttl } = settings.serviceDiscovery;
      try {
        const { Service } = await awsClient(ServiceDiscoveryClient, secondaryRegion).send(
          new GetServiceCommand({ Id: serviceId }),
        );
        const records = Service?.DnsConfig?.DnsRecords ?? [];
        if (!records.length)
          problems.push({ check, text: `Cloud Map service ${serviceId} has no DNS records`, blocks: 'both' });
        else {
          cloudMap = { serviceId, ttl, records: records.map((r) => ({ Type: r.Type!, TTL: r.TTL! })) };
          found.push(
            `Cloud Map ${Service?.Name}: ${records.map((r) => `${r.Type} TTL ${r.TTL}`).join(', ')} -> TTL ${ttl}`,
          );
        }
      } catch (error) {
        problems.push({
          check,
          text: `Cloud Map service ${serviceId} not readable: ${refusal(error)}`,
          blocks: 'both',
        });
      }
    }
    return { ...result(check, found, problems), dnsPlan, cloudMap };
  },
});
