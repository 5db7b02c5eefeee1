// Test support for compliance-evaluation: its config, runs on the sandbox, the report and messages read back, and
// changes to the sandbox estate between runs (a new Inspector finding, a control starting or stopping to fail).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type RunResult, runPlaybook } from '../../cli/runner.ts';
import type { Config } from '../../functions/playbooks.ts';
import { loadStageConfig } from '../../functions/playbooks.ts';
import { awsClient } from '../../functions/shared/aws/clients.ts';
import type { SandboxAccount } from '../../sandbox/account.ts';
import { readBack } from '../support/sandbox.ts';

export const BUCKET = 'idp-autopilot-dev-reports-123456789012';
export const EAST = 'us-east-1';
export const WEST = 'us-west-2';
export const LATEST_DIGEST = 'sha256:4c1f0d2e8b7a6954c3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0';
export type Settings = Config['playbooks']['complianceEvaluation'];

/** The dev config, changed by `change`. */
export function complianceConfig(change: (settings: Settings) => void = () => {}): Config {
  const config = structuredClone(loadStageConfig({ stage: 'dev' }));
  change(config.playbooks.complianceEvaluation);
  return config;
}

export function runCompliance(
  account: SandboxAccount,
  input: object = { trigger: 'schedule' },
  options: { config?: Config; dryRun?: boolean } = {},
): Promise<RunResult> {
  return runPlaybook({
    playbook: 'compliance-evaluation',
    input,
    account,
    config: options.config ?? complianceConfig(),
    dryRun: options.dryRun,
    skipWaits: true,
  });
}

interface Output {
  summary: string;
  newFailures: number;
  fixed: number;
  reports: { key: string }[];
}

export const outputOf = (result: RunResult) => result.output as Output;

async function object(account: SandboxAccount, key: string): Promise<string> {
  return readBack(account, async () => {
    const got = await awsClient(S3Client, EAST).send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return got.Body!.transformToString();
  });
}

export type ReportJson = Record<string, any>;

/** The run's JSON report. */
export async function reportOf(account: SandboxAccount, result: RunResult): Promise<ReportJson> {
  const key = outputOf(result).reports.find((r) => r.key.endsWith('.json'))!.key;
  return JSON.parse(await object(account, key));
}

/** The run's HTML report. */
export async function htmlOf(account: SandboxAccount, result: RunResult): Promise<string> {
  return object(account, outputOf(result).reports.find((r) => r.key.endsWith('.html'))!.key);
}

/** The compliance notices published to SNS so far: subject and text. */
export function notices(account: SandboxAccount): { subject: string; text: string }[] {
  return account
    .callsTo('SNS', 'Publish')
    .filter((call) => !call.errorCode)
    .map((call) => call.input as { Subject: string; Message: string })
    .filter((input) => input.Message.includes('Playbook: compliance-evaluation'))
    .map((input) => ({ subject: input.Subject, text: input.Message }));
}

/** Adds an active Inspector finding for idp-api:latest in us-east-1 (a CVE that appeared overnight). */
export function addImageFinding(
  account: SandboxAccount,
  cve: string,
  severity: string,
  pkg = { name: 'openssl', version: '3.0.11-1~deb12u2', fixedInVersion: '3.0.13-1~deb12u1' },
): void {
  const findings = account.state.regions[EAST].inspector2.findings;
  const template = findings.find((f) => f.resources?.[0]?.details?.awsEcrContainerImage?.imageHash === LATEST_DIGEST)!;
  const copy = structuredClone(template);
  copy.findingArn = `${template.findingArn.replace(/[0-9a-f]{32}$/, '')}${cve.replace(/\D/g, '').padEnd(32, '0')}`;
  copy.severity = severity as typeof copy.severity;
  copy.title = `${cve} - ${pkg.name}`;
  copy.packageVulnerabilityDetails = {
    ...copy.packageVulnerabilityDetails!,
    vulnerabilityId: cve,
    vulnerablePackages: [{ ...pkg, packageManager: 'OS' }],
  };
  findings.push(copy);
}

/** Closes the Inspector findings of a CVE (the image was rebuilt with the fix). */
export function closeImageFinding(account: SandboxAccount, cve: string): void {
  for (const finding of account.state.regions[EAST].inspector2.findings) {
    if (finding.packageVulnerabilityDetails?.vulnerabilityId === cve) finding.status = 'CLOSED';
  }
}

/** Sets the compliance status of every Security Hub finding of a control in a region. */
export function setControlStatus(account: SandboxAccount, region: string, control: string, status: string): void {
  for (const finding of account.state.regions[region].securityHub.findings) {
    if (finding.Compliance?.SecurityControlId === control) finding.Compliance.Status = status as 'FAILED';
  }
}
