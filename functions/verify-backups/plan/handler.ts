// Plans a run: which recovery points of which vaults it restores (the Map items), what it found wrong before
// restoring anything, and the polling limits the state machine loops with.
import { BackupClient } from '@aws-sdk/client-backup';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { checkExecutionInput } from '../../shared/playbook/input.ts';
import { VerifyBackups } from '../config.ts';
import manifest from '../playbook.ts';
import type { VerifyInput } from './input.ts';
import { type Candidate, type Finding, selectInVault } from './select.ts';

const Input = z.object({
  input: z.record(z.string(), z.unknown(), { error: 'the execution input must be a JSON object' }),
});

export const handler = makeHandler({
  playbook: 'verify-backups',
  config: { verifyBackups: VerifyBackups },
  input: Input,
  run: async ({ input }, { config, execution, now }) => {
    const request = checkExecutionInput(manifest, input, config) as VerifyInput;
    const settings = config.playbooks.verifyBackups;
    const regions = request.regions ?? config.regions;
    const types = request.resourceTypes ?? settings.resourceTypes;
    const candidates: Candidate[] = [];
    const findings: Finding[] = [];
    for (const region of regions) {
      for (const vault of request.vaults ?? settings.vaults) {
        try {
          const found = await selectInVault(awsClient(BackupClient, region), { region, vault, types }, settings, {
            executionName: execution.Name,
            now: now(),
          });
          candidates.push(...found.candidates);
          findings.push(...found.findings);
        } catch (error) {
          if ((error as Error).name !== 'ResourceNotFoundException') throw error;
          // A vault named for every region may exist in some only; named by hand, its absence is a finding.
          findings.push({
            region,
            vault,
            kind: 'vault',
            problem: Boolean(request.vaults),
            text: `no backup vault ${vault} in ${region}`,
          });
        }
      }
    }
    const polls = (minutes: number) => Math.max(1, Math.ceil((minutes * 60) / settings.pollSeconds));
    return {
      dryRun: request.dryRun,
      startedAt: execution.StartTime,
      items: candidates,
      findings,
      regions,
      pollSeconds: request.dryRun ? 0 : settings.pollSeconds,
      maxRestorePolls: polls(settings.restoreTimeoutMinutes),
      maxValidationPolls: polls(settings.validationTimeoutMinutes),
    };
  },
});
