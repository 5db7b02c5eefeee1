// Side outputs a human looks at after a sandbox run (`out/`): S3 objects, SNS messages, Slack and PagerDuty posts.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Resolves `relativePath` under `outDir`, refusing keys like `../../etc/x` that would escape it. */
function safePath(outDir: string, relativePath: string): string {
  const root = resolve(outDir);
  const target = resolve(root, relativePath);
  const rel = relative(root, target);
  if (rel.startsWith('..') || rel === '') return join(root, encodeURIComponent(relativePath));
  return target;
}

export function writeOutFile(outDir: string, relativePath: string, data: string | Uint8Array): string {
  const path = safePath(outDir, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

export function appendOutLine(outDir: string, relativePath: string, record: unknown): string {
  const path = safePath(outDir, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(record)}\n`);
  return path;
}
