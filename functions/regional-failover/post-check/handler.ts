// The synthetic request through the new record: GET the configured health URL (5 s timeout); 200 is healthy.
// Anything else (another status, a name that does not resolve, a timeout) is looked at again until the phase's
// timeout, then the run stops and alerts: the failover is done, the service does not answer.
import * as z from 'zod';
import { makeHandler } from '../../shared/handler/handler.ts';
import { RegionalFailover } from '../config.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({ poll: z.number().int().min(0) }),
  run: async ({ poll }, { config, now }) => {
    const { settings } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const url = settings.healthCheckUrl;
    let answer: string;
    let healthy = false;
    try {
      const response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(5000), redirect: 'manual' });
      healthy = response.status === 200;
      answer = `HTTP ${response.status}`;
    } catch (error) {
      answer = `no answer: ${(error as Error).name}`;
    }
    return { healthy, url, answer, poll: poll + 1, at: now().toISOString() };
  },
});
