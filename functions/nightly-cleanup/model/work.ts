// Work files of one run in the reports bucket, under work/nightly-cleanup/<execution>/: plans/<account>/<region>.json
// (one per account x region target), results/<account>/<region>.json (each target's outcome: the shared fan-out's
// result files, functions/shared/fanout/targets.ts), gate.json, batches/<name>.json (a batch file gets its results
// written into it, so a retried batch resumes) and batch-lists/pass-<n>.json (the batches a pass of the apply Map
// reads through its ItemReader). Candidate lists can be large (an account with 100,000 snapshots, 1,000 accounts x 17
// regions), so they travel through S3 and the state machine passes only keys and counts. Reading, writing and listing
// live in separate modules so each function's role allows only the S3 actions it uses.
import type { S3Client } from '@aws-sdk/client-s3';
import { PLAYBOOK } from './model.ts';

export interface WorkStore {
  s3: S3Client;
  bucket: string;
}

/** One item of a batch list: the batch file and where it acts (for the console; the file says it all). */
export interface BatchRef {
  key: string;
  accountId: string;
  region: string;
  action: string;
}

const safe = (value: string) => value.replace(/[^\w.-]/g, '_');

export function workPrefix(executionName: string): string {
  return `work/${PLAYBOOK}/${safe(executionName)}/`;
}

export const planKey = (executionName: string, accountId: string, region: string) =>
  `${workPrefix(executionName)}plans/${safe(accountId)}/${safe(region)}.json`;
export const gateKey = (executionName: string) => `${workPrefix(executionName)}gate.json`;
export const batchKey = (executionName: string, name: string) =>
  `${workPrefix(executionName)}batches/${safe(name)}.json`;
/** The batches pass `pass` of the apply Map handles (0: the gate's, then one per final-snapshot poll). */
export const batchListKey = (executionName: string, pass: number) =>
  `${workPrefix(executionName)}batch-lists/pass-${String(pass).padStart(4, '0')}.json`;
