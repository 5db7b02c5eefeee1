import { describe, expect, it } from 'vitest';
import { DENY_POLICY, keyStatuses, messages, reports, revoke, sampleEvent, user } from '../support/credentials.ts';
import { freshAccount } from '../support/sandbox.ts';

// Under heavy faults a step can change IAM and then fail before it records the change (PutEvents throttled after
// the IAM call went through). Whatever happens, every change to IAM must be on record: in the audit trail or in
// the run's report (which reads IAM back when the run failed).
describe('revoke-credentials under 60 % faults on IAM and the audit trail', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`leaves no change without a record (seed ${seed})`, async () => {
      const account = freshAccount({
        seed,
        faults: [
          { service: 'IAM', probability: 0.6 },
          { service: 'EventBridge', probability: 0.6 },
        ],
      });
      const keysBefore = keyStatuses(account, 'deploy-bot');
      const denyBefore = Boolean(user(account, 'deploy-bot').inlinePolicies?.[DENY_POLICY]);

      const result = await revoke(account, sampleEvent('iam-02-credential-access-anomalous'));

      const keysAfter = keyStatuses(account, 'deploy-bot');
      const changes = [
        ...Object.keys(keysBefore)
          .filter((id) => keysBefore[id] !== keysAfter[id])
          .map(() => 'iam:UpdateAccessKey'),
        ...(!denyBefore && user(account, 'deploy-bot').inlinePolicies?.[DENY_POLICY] ? ['iam:PutUserPolicy'] : []),
      ];
      const audited = account
        .events({ source: 'idp.autopilot' })
        .map((event) => event.detail as { action: string; outcome: string })
        .filter((record) => record.outcome === 'done')
        .map((record) => record.action);
      const reported = reports(account, 'revoke-credentials').flatMap((report) =>
        (report.actions as { action: string; outcome: string }[])
          .filter((action) => action.outcome === 'done')
          .map((action) => action.action),
      );
      for (const change of changes) expect([...audited, ...reported], `${change} (${result.status})`).toContain(change);
      if (result.status === 'FAILED' && changes.length) {
        const alert = messages(account).find((message) => message.text.includes('Changed before the failure'));
        expect(alert?.text).not.toMatch(/Changed before the failure: nothing/);
      }
    });
  }
});
