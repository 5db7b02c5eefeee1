// `npm run bench`: bundle size and cold start per function; wall time and AWS calls per playbook on the
// sandbox with simulated latency. Numbers, not assertions: record them in the closing note.
import { benchCleanupAccounts } from './cleanup-accounts.ts';
import { benchCleanupPlanning } from './cleanup-scale.ts';
import { benchIsolation } from './containment.ts';
import { benchFunctions } from './functions.ts';
import { benchPlaybooks } from './playbooks.ts';
import { table } from './table.ts';

const LATENCY_MS = 100;

console.log(
  'Functions (packaged with serverless package; cold start = fresh Node 24 process importing the bundle, median of 3)\n',
);
console.log(
  table(
    ['function', 'zip KB', 'bundle KB', 'cold start ms'],
    benchFunctions().map((row) => [row.fn, row.zipKb, row.bundleKb, row.coldStartMs]),
  ),
);

console.log(`\nPlaybooks (sandbox, ${LATENCY_MS} ms per AWS call, waits skipped)\n`);
console.log(
  table(
    ['playbook', 'input', 'status', 'wall ms', 'AWS calls'],
    (await benchPlaybooks(LATENCY_MS)).map((row) => [row.playbook, row.input, row.status, row.wallMs, row.awsCalls]),
  ),
);

console.log(
  '\nnightly-cleanup at scale (one region: 100,000 snapshots, 10,000 volumes, 1,000 addresses; no latency)\n',
);
console.log(
  table(
    ['step', 'wall ms', 'AWS ms', 'own ms', 'AWS calls', 'peak heap MB', 'output bytes', 'state KB'],
    (await benchCleanupPlanning()).map((row) => [
      row.step,
      Math.round(row.wallMs),
      Math.round(row.awsMs),
      Math.round(row.ownMs),
      row.awsCalls,
      Math.round(row.peakHeapMb),
      row.outputBytes,
      row.stateKb,
    ]),
  ),
);

const accounts = await benchCleanupAccounts(50);
console.log(
  `\nnightly-cleanup planning across accounts (sandbox, no latency; ${accounts.accounts} accounts x ${accounts.regions} regions, ${accounts.resources} resources, report mode through the state machine)\n`,
);
console.log(
  table(
    [
      'status',
      'targets planned',
      'failed',
      'wall ms',
      'peak heap MB',
      'largest state KB',
      'targets file KB',
      'AWS calls',
    ],
    [
      [
        accounts.status,
        accounts.plannedTargets,
        accounts.failedTargets,
        accounts.wallMs,
        accounts.peakHeapMb,
        Math.round(accounts.largestStateBytes / 102.4) / 10,
        accounts.targetsFileKb,
        accounts.awsCalls,
      ],
    ],
  ),
);
console.log('\nAssumeRole per run (credentials kept per account for the execution in one process)\n');
console.log(
  table(
    [
      'AssumeRole calls',
      'per member account (max)',
      'mean ms each',
      'bound with no warm container (members x regions)',
    ],
    [
      [
        accounts.assumeRoleCalls,
        accounts.assumeRolePerAccountMax,
        accounts.assumeRoleMeanMs,
        accounts.assumeRoleColdBound,
      ],
    ],
  ),
);

const isolation = await benchIsolation(LATENCY_MS);
console.log(`\ncontain-instance critical path (sandbox, ${LATENCY_MS} ms per AWS call, ${isolation.event})\n`);
console.log(
  table(
    ['event → isolation ms', 'AWS calls before isolation', 'sequential', 'whole run ms', 'status'],
    [
      [
        isolation.isolatedAtMs,
        isolation.callsBeforeIsolation,
        isolation.sequentialCallsBeforeIsolation,
        isolation.totalMs,
        isolation.status,
      ],
    ],
  ),
);
