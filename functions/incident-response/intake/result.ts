// What the intake step hands the state machine: where to go next and the few facts the next states need (the
// incident itself stays in S3; the payload stays small).
import type { Severity } from '../../shared/config/config.ts';
import type { AlarmKind } from '../model/record.ts';

export type Route =
  | 'open'
  | 'reopen'
  | 'follow'
  | 'acknowledge'
  | 'resolve'
  | 'note'
  | 'ignore'
  | 'duplicate'
  | 'journal'
  | 'dry-run';

/** Where the follow-up loop stands: the Wait's due time and the checks this execution made. */
export interface FollowState {
  incidentId: string;
  generation: number;
  dueAt: string;
  checks: number;
  next: 'wait' | 'resolve' | 'handed-over' | 'stop';
}

export interface IntakeResult {
  route: Route;
  /** One line: what the intake decided and why (logged; the execution output). */
  why: string;
  dryRun: boolean;
  incidentId?: string;
  severity?: Severity;
  alarm?: { name: string; region: string; arn: string; kind: AlarmKind };
  /** Open the war room (SEV1 opening). */
  warRoom: boolean;
  /** Mitigations are configured for the alarm (opening only). */
  mitigations: boolean;
  follow?: FollowState;
  /** Seconds the alert's acknowledgement link waits (the task token's timeout). */
  ackWaitSeconds: number;
  resolve?: { restoredAt: string; reason: string };
  acknowledge?: { by: string; note?: string };
  /** Dry run: what the transition would do. */
  would?: 'open' | 'reopen' | 'resolve' | 'note' | 'nothing';
}
