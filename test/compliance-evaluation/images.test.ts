import { describe, expect, it } from 'vitest';
import { freshAccount } from '../support/sandbox.ts';
import { addImageFinding, complianceConfig, EAST, type ReportJson, reportOf, runCompliance, WEST } from './helpers.ts';

type Image = { repository: string; tag: string; status: string; note?: string; vulnerabilities: { id: string }[] };
const imagesIn = (report: ReportJson, region: string): Image[] =>
  report.images.find((r: { region: string }) => r.region === region)?.images ?? [];
const image = (report: ReportJson, region: string, tag: string, repository = 'idp-api') =>
  imagesIn(report, region).find((i) => i.tag === tag && i.repository === repository);

describe('compliance-evaluation: image vulnerabilities', () => {
  it('reports a missing repository, a missing tag and an image without a scan as what they are, not as a failed run', async () => {
    const account = freshAccount();
    const config = complianceConfig((settings) => {
      settings.images.repositories = [
        { name: 'idp-api', tags: ['latest', '1.41.3', 'nightly'] },
        { name: 'idp-worker', tags: ['latest'] },
      ];
    });

    const result = await runCompliance(account, {}, { config });

    expect(result.status).toBe('SUCCEEDED');
    const report = await reportOf(account, result);
    expect(image(report, WEST, '1.41.3')).toMatchObject({ status: 'no-scan' });
    expect(image(report, WEST, '1.41.3')?.note).toContain('aws ecr start-image-scan --repository-name idp-api');
    expect(image(report, EAST, 'nightly')).toMatchObject({ status: 'image-not-found' });
    expect(image(report, EAST, 'latest', 'idp-worker')).toMatchObject({ status: 'repository-not-found' });
    // Inspector still reads the older image where it scans ECR.
    expect(image(report, EAST, '1.41.3')?.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2024-24790']);
    expect(report.notes.join('\n')).toContain('idp-api:1.41.3 us-west-2: no-scan');
  });

  it('reads every page of Inspector findings', async () => {
    const account = freshAccount();
    for (let n = 0; n < 150; n++) addImageFinding(account, `CVE-2025-${String(10_000 + n)}`, 'HIGH');

    const report = await reportOf(account, await runCompliance(account, { regions: [EAST] }));

    expect(image(report, EAST, 'latest')?.vulnerabilities).toHaveLength(153);
    const pages = account.callsTo('Inspector2', 'ListFindings').filter((call) => call.region === EAST);
    expect(pages.length).toBeGreaterThanOrEqual(2);
  });

  it('reads a scan still running next time and then reports its findings as new', async () => {
    const account = freshAccount();
    const scan = account.state.regions[WEST].ecr.repositories[0].images[0].scan!;
    scan.status = 'IN_PROGRESS';

    const first = await reportOf(account, await runCompliance(account, { regions: [WEST] }));
    const second = await reportOf(account, await runCompliance(account, { regions: [WEST] }));

    expect(image(first, WEST, 'latest')).toMatchObject({ status: 'scan-in-progress', vulnerabilities: [] });
    expect(image(second, WEST, 'latest')?.status).toBe('ok');
    expect(second.newFailures.map((f: { id: string }) => f.id).sort()).toEqual(['CVE-2024-2961', 'CVE-2024-33599']);
    expect(second.statusChanges).toEqual([expect.objectContaining({ label: 'idp-api:latest us-west-2', to: 'ok' })]);
  });

  it('reads a repository only in the regions config names for it', async () => {
    const account = freshAccount();
    const config = complianceConfig((settings) => {
      settings.images.repositories = [{ name: 'idp-api', tags: ['latest'], regions: [EAST] }];
    });

    const report = await reportOf(account, await runCompliance(account, {}, { config }));

    expect(imagesIn(report, WEST)).toEqual([]);
    expect(new Set(account.callsTo('ECR', 'DescribeImages').map((call) => call.region))).toEqual(new Set([EAST]));
  });
});
