import { asUser } from './portalTestBackend';
import { eventually } from './eventually';

/** One event of a scaffolder task, as `GET /v2/tasks/:id/events` answers it. */
export type TaskEvent = {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    output?: {
      links?: Array<{ title?: string; url?: string; entityRef?: string }>;
      text?: Array<{ title?: string; content?: string }>;
    };
    error?: { name: string; message: string };
  };
};

/** The scaffolder API of a running portal backend, called as one user. */
export function scaffolderTasks(url: string, userEntityRef: string) {
  const api = `${url}/api/scaffolder/v2`;
  const headers = asUser(userEntityRef);

  async function events(taskId: string): Promise<TaskEvent[]> {
    const res = await fetch(`${api}/tasks/${taskId}/events`, { headers });
    if (!res.ok) throw new Error(`events of ${taskId}: ${res.status}`);
    return res.json();
  }

  return {
    /** Starts the template with the form's values; returns the task id. */
    async start(templateName: string, values: Record<string, unknown>) {
      const res = await fetch(`${api}/tasks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          templateRef: `template:default/${templateName}`,
          values,
        }),
      });
      if (res.status !== 201) {
        throw new Error(`task not created: ${res.status} ${await res.text()}`);
      }
      return ((await res.json()) as { id: string }).id;
    },

    events,

    /** The task's log lines, in order, without the colored level the step logger puts first. */
    async log(taskId: string): Promise<string[]> {
      return (await events(taskId))
        .filter(e => e.type === 'log')
        .map(e =>
          (e.body.message ?? '').replace(
            /^\S*(?:info|warn|error|debug)\S*: /,
            '',
          ),
        );
    },

    /** Waits for the task to complete or fail; returns its status and its completion event. */
    async finished(taskId: string, timeoutMs = 90_000) {
      let last = '';
      let lastLog: string[] = [];
      return eventually(
        () =>
          `task ${taskId} to finish (status ${last}; log: ${JSON.stringify(
            lastLog,
          )})`,
        async () => {
          const res = await fetch(`${api}/tasks/${taskId}`, { headers });
          const { status } = (await res.json()) as { status: string };
          last = status;
          if (status !== 'completed' && status !== 'failed') {
            lastLog = (await events(taskId)).map(
              e => `${e.type}: ${e.body.message ?? ''}`,
            );
            return undefined;
          }
          // The last completion counts: a recovered task completes once per run.
          const completion = (await events(taskId))
            .filter(e => e.type === 'completion')
            .pop();
          return { status, ...completion!.body };
        },
        timeoutMs,
      );
    },
  };
}
