// nightly-cleanup planning across an organization: 50 accounts (home + 49 members, each with the member role) x 4
// regions, each account x region holding a small generated estate (sandbox/estates/cleanup-scale.ts), run in report
// mode through the real state machine (the planning Distributed Map over the targets file, the gate, the report) on
// the sandbox. Measures wall time, peak heap growth, the largest state payload any state carries (the deployed
// machine's: the runner's own ItemReader items left out) against Step Functions' 256 KB limit, the targets file, and
// what acting in member accounts costs: AssumeRole calls per run and per account, and their time.
// Used by `npm run bench` (benchCleanupAccounts()).
import { runPlaybook } from '../cli/runner.ts';
import { type Config, loadStageConfig } from '../functions/playbooks.ts';
import { SandboxAccount } from '../sandbox/account.ts';
import { addCleanupScaleEstate, type ScaleEstate } from '../sandbox/estates/cleanup-scale.ts';

export interface AccountsBench {
  accounts: number;
  regions: number;
  resources: number;
  status: string;
  plannedTargets: number;
  failedTargets: number;
  wallMs: number;
  peakHeapMb: number;
  /** The largest input or output of any state, in bytes (Step Functions allows 256 KB). */
  largestStateBytes: number;
  targetsFileKb: number;
  awsCalls: number;
  /** AssumeRole calls in the run (this process keeps credentials per account for the execution). */
  assumeRoleCalls: number;
  /** The most AssumeRole calls made for one member account. */
  assumeRolePerAccountMax: number;
  assumeRoleMeanMs: number;
  /** The upper bound on Lambda when no container is reused: one per member account x region planned. */
  assumeRoleColdBound: number;
}

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1'];
const ESTATE: ScaleEstate = { snapshots: 100, volumes: 20, addresses: 5 };
const MEMBER_ROLE = 'idp-autopilot-member';
const BUCKET = 'idp-autopilot-dev-reports-123456789012';

/** A member account id (12 digits, distinct from the seed's). */
const memberId = (index: number) => String(500_000_000_000 + index);

/** Adds `count` member accounts to the sandbox, each with the member role trusting the home account (as staging's). */
function addMembers(account: SandboxAccount, count: number): string[] {
  const template = Object.values(account.state.members ?? {}).find((member) =>
    member.global.iam.roles.some((role) => role.RoleName === MEMBER_ROLE),
  );
  if (!template) throw new Error(`sandbox seed: no member account with the ${MEMBER_ROLE} role to copy`);
  const ids: string[] = [];
  for (let index = 1; index <= count; index++) {
    const id = memberId(index);
    const global = structuredClone(template.global);
    global.iam.users = [];
    global.iam.roles = global.iam.roles
      .filter((role) => role.RoleName === MEMBER_ROLE)
      .map((role) => ({ ...role, Arn: `arn:aws:iam::${id}:role/${MEMBER_ROLE}` }));
    account.state.members![id] = { global, regions: {} };
    ids.push(id);
  }
  return ids;
}

/** Plans nightly-cleanup over `accounts` (home included) x 4 regions and measures it (see the file comment). */
export async function benchCleanupAccounts(accounts = 50): Promise<AccountsBench> {
  const account = SandboxAccount.fromSeed();
  const members = addMembers(account, accounts - 1);
  [account.accountId, ...members].forEach((id, index) => {
    for (const region of REGIONS) addCleanupScaleEstate(account, region, { ...ESTATE, seed: index + 1 }, id);
  });
  const config: Config = structuredClone(loadStageConfig({ stage: 'dev' }));
  config.regions = REGIONS;
  config.accounts.members = members.map((id, index) => ({ id, name: `member-${index + 1}`, exempt: false }));
  config.playbooks.nightlyCleanup.mode = 'report';

  let largestStateBytes = 0;
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const result = await runPlaybook({
    playbook: 'nightly-cleanup',
    input: { mode: 'report' },
    account,
    config,
    skipWaits: true,
    onTrace: (entry) => {
      if (entry.kind === 'state' && entry.bytes) largestStateBytes = Math.max(largestStateBytes, entry.bytes);
    },
  });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);

  const objects = account.state.global.s3.buckets[BUCKET].objects;
  const targetsKey = Object.keys(objects).find(
    (key) => key.endsWith('targets.json') && key.includes('nightly-cleanup'),
  );
  const assumed = account.callsTo('STS', 'AssumeRole').map((call) => (call.input as { RoleArn: string }).RoleArn);
  const perAccount = Map.groupBy(assumed, (arn) => arn.split(':')[4]);
  const assumeCalls = result.calls.filter((call) => call.operation === 'AssumeRole');
  const reportKey = Object.keys(objects).find(
    (key) => key.startsWith('reports/nightly-cleanup/') && key.endsWith('.json'),
  );
  const report = reportKey
    ? (JSON.parse(Buffer.from(objects[reportKey].BodyBase64 ?? '', 'base64').toString('utf8')) as {
        accounts: { regions: string[]; failedRegions: unknown[] }[];
      })
    : { accounts: [] };
  return {
    accounts,
    regions: REGIONS.length,
    resources: accounts * REGIONS.length * (ESTATE.snapshots + ESTATE.volumes + ESTATE.addresses),
    status: result.status,
    plannedTargets: report.accounts.reduce((sum, summary) => sum + summary.regions.length, 0),
    failedTargets: report.accounts.reduce((sum, summary) => sum + summary.failedRegions.length, 0),
    wallMs: Math.round(result.durationMs),
    peakHeapMb: Math.round((peak - baseline) / 1e5) / 10,
    largestStateBytes,
    targetsFileKb: targetsKey ? Math.round((objects[targetsKey].ContentLength / 1024) * 10) / 10 : 0,
    awsCalls: result.calls.length,
    assumeRoleCalls: assumed.length,
    assumeRolePerAccountMax: Math.max(0, ...[...perAccount.values()].map((calls) => calls.length)),
    assumeRoleMeanMs:
      Math.round((assumeCalls.reduce((sum, call) => sum + call.durationMs, 0) / (assumeCalls.length || 1)) * 10) / 10,
    assumeRoleColdBound: members.length * REGIONS.length,
  };
}
