// When a failover stops: what was done, what is left, and how to go on. A refusal before anything changed (bad
// input, the lock held by another execution, a planned failover that is not ready) is SEV2 and says so; a failure
// after a change pages (SEV1): the service may be half failed over. Every step is idempotent (capacity at size, a
// writing secondary and a record already in place are recognised), so starting again with the same input resumes.
import { causeMessage } from '../../shared/errors/errors.ts';
import type { Notice } from '../../shared/notify/message.ts';
import { actionsOf, type FailoverState, PHASES } from '../run-state.ts';

const REFUSALS = ['InvalidInputError', 'FailoverLockedError', 'NotReadyError', 'ConfigError'];

export function summarizeFailure(state: FailoverState) {
  const error = state.error ?? {};
  const message = causeMessage(error.Cause) || error.Error || 'unknown error';
  const actions = actionsOf(state).filter((a) => a.outcome === 'done');
  const refused = REFUSALS.includes(error.Error ?? '') && actions.length === 0;
  const done = PHASES.filter((phase) => phase.done(state)).map((p) => p.label);
  const left = PHASES.filter((phase) => !phase.done(state)).map((p) => p.label);
  const where = left[0] ?? 'report';
  const route = state.begin
    ? `${state.begin.primaryRegion} -> ${state.begin.secondaryRegion}`
    : 'the configured regions';
  const title = refused
    ? `Regional failover (${route}) refused: ${message}`.slice(0, 300)
    : `Regional failover (${route}) STOPPED at "${where}": ${error.Error}`;
  const resume =
    'Fix the cause and start regional-failover again with the same input: every step recognises what is done (capacity at size, a secondary that writes, a record in place) and goes on from there; or finish by hand: ' +
    left.join(', ');
  const facts: Record<string, string | number> = {
    Error: `${error.Error ?? 'Error'}: ${message}`.slice(0, 600),
    'Done before it stopped': done.length ? done.join('; ') : 'nothing',
    'Changes made': actions.length
      ? actions
          .map((a) => `${a.action} ${a.resource}`)
          .join('; ')
          .slice(0, 1000)
      : 'none',
    'Left to do': refused ? 'nothing was started' : left.join('; '),
  };
  if (!refused) facts['How to resume'] = resume;
  const notice: Omit<Notice, 'playbook' | 'link'> = refused
    ? { kind: 'alert', severity: 'SEV2', title, impact: 'Nothing was changed', status: 'Refused', facts }
    : {
        kind: 'alert',
        severity: 'SEV1',
        title,
        impact: `The IDP may be half failed over: ${done.length ? done.join(', ') : 'nothing'} done`,
        status: 'Failover stopped: resume or finish by hand',
        facts,
        dedupKey: (state as { execution?: { Id?: string } }).execution?.Id,
      };
  const report = {
    playbook: 'regional-failover',
    outcome: refused ? 'refused' : 'failed',
    error,
    done,
    left,
    resume,
    actions,
  };
  return { report, notice, title, refused };
}
