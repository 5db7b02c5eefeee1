// Pre-check: the secondary region's application side. The target group has at least minHealthy healthy targets
// (the runbook's describe-target-health), and every capacity to scale exists and can reach its desired size.
import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { capacityName, capacityNow, healthyTargets } from '../capacity.ts';
import { type Problem, refusal, result } from '../checks.ts';
import { capacityClients } from '../clients.ts';
import { RegionalFailover } from '../config.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({}),
  run: async (_input, { config }) => {
    const topology = topologyOf(config.playbooks.regionalFailover, config.regions);
    const { settings, secondaryRegion } = topology;
    const clients = capacityClients(secondaryRegion);
    const found: string[] = [];
    const problems: Problem[] = [];
    const check = 'secondary application';
    try {
      const targets = await healthyTargets(clients.elbv2, settings.targetGroup.name);
      found.push(
        `${targets.healthy} of ${targets.total} target(s) healthy in ${settings.targetGroup.name} (${secondaryRegion})`,
      );
      if (targets.healthy < settings.targetGroup.minHealthy) {
        problems.push({
          check,
          text: `${targets.healthy} healthy target(s) in ${settings.targetGroup.name} (${secondaryRegion}), at least ${settings.targetGroup.minHealthy} needed`,
          blocks: 'planned',
        });
      }
    } catch (error) {
      problems.push({
        check,
        text: `target group ${settings.targetGroup.name} not readable: ${refusal(error)}`,
        blocks: 'planned',
      });
    }
    for (const item of settings.capacity) {
      try {
        const now = await capacityNow(clients, item);
        if (!now.exists) {
          problems.push({ check, text: `${capacityName(item)} does not exist in ${secondaryRegion}`, blocks: 'both' });
          continue;
        }
        found.push(
          `${capacityName(item)}: ${now.running ?? 0} running, desired ${now.desired} (scales to ${item.desired})`,
        );
        if (item.kind === 'asg' && (now.max ?? 0) < item.desired && item.min === undefined) {
          found.push(`${capacityName(item)}: its maximum ${now.max} is raised to ${item.desired}`);
        }
      } catch (error) {
        problems.push({ check, text: `${capacityName(item)} not readable: ${refusal(error)}`, blocks: 'both' });
      }
    }
    return result(check, found, problems);
  },
});
