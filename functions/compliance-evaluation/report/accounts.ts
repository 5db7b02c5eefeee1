// The report grouped by account: per account (name and id) and region, what each reading found or why it could not
// read; which account x region items could not be read at all (none of their readings succeeded, e.g. the member
// role could not be assumed), and whether any could (the run fails when none could).
import { escapeHtml } from '../../shared/reports/html.ts';
import type { AccountRef, Readings } from './inputs.ts';
import { counts, type Scope, whereOf } from './scopes.ts';

/** One region of one account as the overview shows it. */
export interface TargetOverview {
  region: string;
  /** `ok` when both readings of the item succeeded, `partial` when one did, `failed` when none did. */
  outcome: 'ok' | 'partial' | 'failed';
  config: string;
  cis: string;
  images: string;
  failing: number;
}

/** One account of the run. */
export interface AccountOverview extends AccountRef {
  regions: TargetOverview[];
  failing: number;
  newFailures: number;
}

/** What the report says about the run's accounts. */
export interface Coverage {
  accounts: AccountOverview[];
  failedTargets: { account: string; accountName: string; region: string; where: string; error: string }[];
  /** There were items and none could be read. */
  allTargetsFailed: boolean;
}

const statusOf = (scopes: Scope[]) => {
  if (!scopes.length) return 'not configured';
  const bad = scopes.filter((s) => s.status !== 'ok');
  return bad.length ? bad.map((s) => s.status).join('; ') : 'ok';
};

/** Per account and region, the readings' statuses and failures; the items that could not be read at all. */
export function coverageOf(readings: Readings, scopes: Scope[], newKeys: Set<string>): Coverage {
  const failedTargets: Coverage['failedTargets'] = [];
  const at = (account: string, region: string) => `${account}|${region}`;
  const scopesAt = new Map<string, Scope[]>();
  for (const scope of scopes) {
    const key = at(scope.account, scope.region);
    scopesAt.set(key, [...(scopesAt.get(key) ?? []), scope]);
  }
  const configAt = new Map(readings.config.map((c) => [at(c.accountId, c.region), c]));
  const imagesAt = new Map(readings.images.map((i) => [at(i.accountId, i.region), i]));
  const overviews = readings.accounts.map((account): AccountOverview => {
    const targets = readings.targets.filter((t) => t.accountId === account.id);
    const regions = targets.map((target): TargetOverview => {
      const here = scopesAt.get(at(account.id, target.region)) ?? [];
      const config = configAt.get(at(account.id, target.region));
      const images = imagesAt.get(at(account.id, target.region));
      const read = [config?.status === 'ok', Boolean(images?.reading)].filter(Boolean).length;
      const outcome = read === 2 ? 'ok' : read === 1 ? 'partial' : 'failed';
      if (outcome === 'failed') {
        const error = config?.status === 'error' ? config.error : (images?.error ?? 'not read');
        const where = whereOf(target);
        failedTargets.push({ account: account.id, accountName: account.name, region: target.region, where, error });
      }
      return {
        region: target.region,
        outcome,
        config: statusOf(here.filter((s) => s.kind === 'config-rule')),
        cis: statusOf(here.filter((s) => s.kind === 'cis-control')),
        images: statusOf(here.filter((s) => s.kind === 'vulnerability')),
        failing: here.flatMap((s) => s.failures.filter(counts)).length,
      };
    });
    const failures = targets
      .flatMap((t) => scopesAt.get(at(account.id, t.region)) ?? [])
      .flatMap((s) => s.failures.filter(counts));
    return {
      ...account,
      regions,
      failing: failures.length,
      newFailures: failures.filter((f) => newKeys.has(f.key)).length,
    };
  });
  return {
    accounts: overviews,
    failedTargets,
    allTargetsFailed: readings.targets.length > 0 && failedTargets.length === readings.targets.length,
  };
}

/** `staging (210987654321)`. */
export const accountLabel = (account: { name: string; id: string }) => `${account.name} (${account.id})`;

/** The overview table: per account and region, each reading's status and what fails. */
export function accountsHtml(coverage: Coverage, exempt: { id: string; name: string }[]): string {
  const rows = coverage.accounts.flatMap((account) =>
    account.regions.map(
      (r) =>
        `<tr class="${r.outcome === 'ok' ? '' : 'bad'}"><td>${escapeHtml(accountLabel(account))}</td><td>${escapeHtml(r.region)}</td><td>${escapeHtml(r.config)}</td><td>${escapeHtml(r.cis)}</td><td>${escapeHtml(r.images)}</td><td class="num">${r.failing}</td></tr>`,
    ),
  );
  const exemptLine = exempt.length
    ? `<p>Exempt (listed, never read): ${exempt.map((a) => escapeHtml(accountLabel(a))).join(', ')}.</p>`
    : '';
  return `<h2>Accounts</h2>
<table><tr><th>Account</th><th>Region</th><th>Config rules</th><th>CIS benchmark</th><th>Images</th><th>Failing</th></tr>
${rows.join('\n')}</table>${exemptLine}`;
}
