import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { awsClient } from '../../shared/aws/clients.ts';
import { claimFor, keyPart } from '../../shared/claims/claims.ts';
import { RevokeCredentials } from '../../shared/credentials/config.ts';
import { REVOKE_PLAYBOOK } from '../../shared/credentials/model.ts';
import { makeHandler } from '../../shared/handler/handler.ts';
import { publishReport } from '../../shared/reports/publish.ts';
import { changesReadBack } from './read-back.ts';
import { type RevokeRun, summarizeRevocation } from './summarize.ts';

// The whole execution state: the plan and each step's result, or the error that a Catch put under $.error.
const Input = z.custom<RevokeRun>((value) => typeof value === 'object' && value !== null);

export const handler = makeHandler({
  playbook: REVOKE_PLAYBOOK,
  config: { revokeCredentials: RevokeCredentials },
  input: Input,
  run: async (run, ctx) => {
    const { plan } = run;
    if (plan && !plan.dryRun && plan.kind !== 'notify-only') {
      // The report says what really changed, read back from IAM against the assessment's before-state, not only
      // what the steps recorded: a step can change IAM, fail to record it, and find it "already done" on its retry.
      const home = ctx.config.regions[0];
      const denyPolicy = ctx.config.playbooks.revokeCredentials.denyPolicyName;
      try {
        const iam = awsClient(IAMClient, home, { account: plan.accountId });
        const changes = await changesReadBack(iam, plan, denyPolicy, home);
        const at = ctx.now().toISOString();
        run.readBack = {
          changes: changes.map((change) => ({
            ...change,
            account: plan.accountId ?? ctx.audit.homeAccount,
            time: at,
            playbook: REVOKE_PLAYBOOK,
            executionId: ctx.execution.Id,
          })),
        };
      } catch (error) {
        run.readBack = { changes: [], error: `${(error as Error).name}: ${(error as Error).message}` };
      }
    }
    const { report, html, notice } = summarizeRevocation(run);
    // A finding that only notifies (root, sample, exempt, another account) changes nothing a repeat could find
    // done: its notice is claimed per finding, so a redelivery or a repeat of the finding sends nothing again.
    const findingId = report.outcome === 'notify-only' && !report.dryRun ? report.finding?.id : undefined;
    const first =
      !findingId ||
      (await claimFor(
        awsClient(S3Client, ctx.config.regions[0]),
        ctx.runtime.reportsBucket,
        `work/revoke-credentials/notices/${keyPart(findingId)}.json`,
        { executionId: ctx.execution.Id, findingId, reason: report.reason },
      ));
    const published = await publishReport(
      REVOKE_PLAYBOOK,
      { json: report, html },
      first && notice ? { ...notice, dryRun: report.dryRun } : undefined,
      ctx,
    );
    return { outcome: report.outcome, summary: notice?.title ?? `Already revoked: ${report.subject}`, ...published };
  },
});
