// Helpers shared by the seed builders.
import { createHash } from 'node:crypto';

// biome-ignore lint/suspicious/noExplicitAny: the YAML fixture is free-form input checked where it is used
export type Spec = Record<string, any>;

export interface SeedContext {
  accountId: string;
  region: string;
  now: Date;
}

/** Stable hex derived from a name (ids AWS would assign, e.g. attachment ids), so reseeding gives the same ids. */
export function derivedHex(from: string, length: number): string {
  return createHash('sha256').update(from).digest('hex').slice(0, length);
}

export function mustFind(items: Spec[], predicate: (item: Spec) => boolean, what: string): Spec {
  const found = items.find(predicate);
  if (!found) throw new Error(`sandbox seed: ${what} not found`);
  return found;
}

/** EC2 private DNS names differ between us-east-1 and the other regions. */
export function privateDnsName(ip: string, region: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function publicDnsName(ip: string, region: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.compute-1.amazonaws.com` : `${host}.${region}.compute.amazonaws.com`;
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}
