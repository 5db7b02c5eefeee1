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
});
