// Pre-check: the database can fail over. Global database: it is available, no switchover or failover is running
// (also one started from the other region's copy of this stack), the secondary cluster is a member and available.
// Replica cluster: it is available and still replicates (or has been promoted: nothing to do). Read in the
// secondary region, which answers when the primary region does not.
import { RDSClient } from '@aws-sdk/client-rds';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { type Problem, refusal, result } from '../checks.ts';
import { RegionalFailover } from '../config.ts';
import { databaseState } from '../database.ts';
import { topologyOf } from '../topology.ts';

export const handler = makeHandler({
  playbook: 'regional-failover',
  config: { regionalFailover: RegionalFailover },
  input: z.object({}),
  run: async (_input, { config }) => {
    const { settings, secondaryRegion } = topologyOf(config.playbooks.regionalFailover, config.regions);
    const { database } = settings;
    const check = 'database';
    const problems: Problem[] = [];
    const found: string[] = [];
    let alreadyPromoted = false;
    try {
      const state = await databaseState(awsClient(RDSClient, secondaryRegion), database);
      if (!state.secondaryArn) {
        problems.push({
          check,
          text: `no cluster ${database.secondaryClusterId} in ${secondaryRegion}`,
          blocks: 'both',
        });
      } else {
        found.push(`${database.secondaryClusterId} (${secondaryRegion}) is ${state.secondaryStatus}`);
        if (state.secondaryStatus !== 'available') {
          problems.push({
            check,
            text: `${database.secondaryClusterId} is ${state.secondaryStatus}, not available`,
            blocks: 'both',
          });
        }
        alreadyPromoted = state.secondaryWrites;
        if (database.kind === 'global-cluster') {
          const global = state.global;
          if (!global) {
            problems.push({ check, text: `no global cluster ${database.globalClusterId}`, blocks: 'both' });
          } else {
            found.push(
              `global cluster ${database.globalClusterId} is ${global.Status}, writer ${state.writer ?? 'none'}`,
            );
            if (state.moving) {
              problems.push({
                check,
                text: `a switchover or failover of ${database.globalClusterId} is ${state.moving} (from ${global.FailoverState?.FromDbClusterArn} to ${global.FailoverState?.ToDbClusterArn})`,
                blocks: 'both',
              });
            }
            if (!global.GlobalClusterMembers?.some((m) => m.DBClusterArn === state.secondaryArn)) {
              problems.push({
                check,
                text: `${database.secondaryClusterId} is not a member of ${database.globalClusterId}`,
                blocks: 'both',
              });
            }
          }
        } else {
          found.push(
            state.replicatesFrom ? `replicates from ${state.replicatesFrom}` : 'replicates from nothing (promoted)',
          );
        }
        if (alreadyPromoted) found.push(`${database.secondaryClusterId} is the writer already`);
      }
    } catch (error) {
      problems.push({
        check,
        text: `database state not readable in ${secondaryRegion}: ${refusal(error)}`,
        blocks: 'both',
      });
    }
    return { ...result(check, found, problems), alreadyPromoted };
  },
});
