import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { guardTasks } from '../../cli/task-guard.ts';

// One branch fails at once; the other is still in its first task and has a second one to go.
const definition = {
  StartAt: 'Both',
  States: {
    Both: {
      Type: 'Parallel',
      End: true,
      Branches: [
        { StartAt: 'Fail', States: { Fail: { Type: 'Task', Resource: 'arn:aws:lambda:::function:fail', End: true } } },
        {
          StartAt: 'Slow',
          States: {
            Slow: { Type: 'Task', Resource: 'arn:aws:lambda:::function:slow', Next: 'After' },
            After: { Type: 'Task', Resource: 'arn:aws:lambda:::function:after', End: true },
          },
        },
      ],
    },
  },
};

describe('the local runner closes its tasks when an execution ends', () => {
  it('lets a branch left running by a failed Parallel finish its task, and starts no task after the end', async () => {
    const started: string[] = [];
    let finishSlow: () => void = () => {};
    const tasks = guardTasks({
      Fail: async () => {
        started.push('Fail');
        throw new Error('branch failed');
      },
      Slow: () => {
        started.push('Slow');
        return new Promise((resolve) => {
          finishSlow = () => resolve({});
        });
      },
      After: async () => {
        started.push('After');
        return {};
      },
    });
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });

    const execution = machine.run({}, { overrides: { taskResourceLocalHandlers: tasks.handlers as never } });
    await expect(execution.result).rejects.toThrow();
    let closed = false;
    const closing = tasks.close().then(() => {
      closed = true;
    });
    await Promise.resolve();
    const closedBeforeSlowEnded = closed;
    finishSlow();
    await closing;
    // The next state of the surviving branch would start on a later turn: give it every chance.
    await new Promise((resolve) => setImmediate(resolve));

    expect(closedBeforeSlowEnded).toBe(false);
    expect(started).toEqual(['Fail', 'Slow']);
  });

  it('ends a left-over branch whose Catch loops back, instead of letting it spin on refusals', async () => {
    const looping = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Fail', States: { Fail: { Type: 'Task', Resource: 'arn:aws:lambda:::function:f', End: true } } },
            {
              StartAt: 'Poll',
              States: {
                Poll: {
                  Type: 'Task',
                  Resource: 'arn:aws:lambda:::function:poll',
                  Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1000, IntervalSeconds: 1 }],
                  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Again' }],
                  Next: 'Again',
                },
                Again: {
                  Type: 'Choice',
                  Choices: [{ Variable: '$.never', IsPresent: true, Next: 'Done' }],
                  Default: 'Poll',
                },
                Done: { Type: 'Succeed' },
              },
            },
          ],
        },
      },
    };
    let polls = 0;
    const tasks = guardTasks({
      Fail: async () => {
        throw new Error('branch failed');
      },
      Poll: async () => {
        polls++;
        await new Promise((resolve) => setImmediate(resolve));
        return {};
      },
    });
    const machine = new StateMachine(looping as never, { validationOptions: { checkArn: false } });

    const execution = machine.run(
      {},
      { overrides: { taskResourceLocalHandlers: tasks.handlers as never, retryIntervalOverrides: { Poll: 0 } } },
    );
    await expect(execution.result).rejects.toThrow();
    await tasks.close();
    const pollsAtClose = polls;
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));

    expect(polls).toBe(pollsAtClose);
  });
});
