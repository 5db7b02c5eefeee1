// The sandbox's other accounts: one folder per member account under sandbox/seed/accounts/ (the same file layout
// as estate/: account.yaml first, then one file per AWS area), and the organization the home account manages
// (sandbox/seed/organization.yaml).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OrganizationState } from '../state.ts';

export const MEMBERS_DIR = new URL('./accounts', import.meta.url);
export const ORGANIZATION_FILE = new URL('./organization.yaml', import.meta.url);

const pathOf = (place: URL | string) => (place instanceof URL ? fileURLToPath(place) : place);

/** The member account folders, by name. */
export function memberFolders(dir: URL | string): string[] {
  const root = pathOf(dir);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names
    .sort()
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isDirectory());
}

/** The organization (accounts ACTIVE unless the file says otherwise), or undefined when there is no file. */
export function buildOrganization(
  file: URL | string,
  managementAccountId: string,
  now: Date,
): OrganizationState | undefined {
  let text: string;
  try {
    text = readFileSync(pathOf(file), 'utf8');
  } catch {
    return undefined;
  }
  const doc = parse(text) as Omit<OrganizationState, 'managementAccountId' | 'accounts'> & {
    accounts: (Partial<OrganizationState['accounts'][number]> & { Id: string; Name: string; ParentId: string })[];
  };
  return {
    id: doc.id,
    managementAccountId,
    rootId: doc.rootId,
    ous: doc.ous,
    accounts: doc.accounts.map((account) => ({
      Email: `${account.Name}@example.com`,
      Status: 'ACTIVE',
      JoinedMethod: account.Id === managementAccountId ? 'CREATED' : 'INVITED',
      JoinedTimestamp: new Date(now.getTime() - 400 * 86_400_000).toISOString(),
      ...account,
    })),
  };
}
