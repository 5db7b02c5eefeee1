// The revoke-credentials HTML report at 1280 px: the Detail column was raw JSON and pushed the page 500 px wide.
import { describe, expect, it } from 'vitest';
import { summarizeRevocation } from '../../functions/revoke-credentials/report/summarize.ts';
import type { AuditRecord } from '../../functions/shared/audit/audit.ts';

const deactivated: AuditRecord = {
  account: '123456789012',
  playbook: 'revoke-credentials',
  executionId: 'arn:aws:states:us-east-1:123456789012:execution:revoke:run-1',
  region: 'us-east-1',
  time: '2026-11-30T10:00:00.000Z',
  action: 'iam:UpdateAccessKey',
  resource: 'arn:aws:iam::123456789012:user/alice',
  outcome: 'done',
  detail: { userName: 'alice', accessKeyId: 'AKIASANDBOXALICE0001', from: 'Active', to: 'Inactive', previous: null },
};

describe("revoke-credentials' HTML report", () => {
  it('lists each action detail as key: value lines that wrap, never as raw JSON', () => {
    const { html } = summarizeRevocation({
      userName: 'alice',
      accessKeyId: 'AKIASANDBOXALICE0001',
      deactivation: { actions: [deactivated] },
    });

    expect(html).toContain('<div><b>accessKeyId</b>: AKIASANDBOXALICE0001</div>');
    expect(html).toContain('<div><b>previous</b>: none</div>');
    expect(html).toContain('<td class="long"><div><b>userName</b>: alice</div>');
    expect(html).not.toContain('{&quot;userName&quot;');
  });
});
