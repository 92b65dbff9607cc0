/* eslint-disable no-console */
// The load generator of bench:flip, in its own process: flips pointers and watches SSM.
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { FlipRun, flipArn, Percentiles } from './flipBenchShared';

type Options = {
  base: string;
  endpoint: string;
  authorization: string;
  clients: number;
  flipsPerClient: number;
};

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    +sorted[
      Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
    ].toFixed(1);
  return {
    p50Ms: at(50),
    p95Ms: at(95),
    maxMs: +sorted[sorted.length - 1].toFixed(1),
  };
}

async function main() {
  const options: Options = JSON.parse(process.argv[2]);
  const ssm = new SSMClient({
    endpoint: options.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const visible: number[] = [];
  const request: number[] = [];
  const statuses: Record<string, number> = {};
  let publishedInRequest = 0;

  async function client(m: number) {
    const model = `flip-${m}`;
    const headers = {
      Authorization: options.authorization,
      'Content-Type': 'application/json',
    };
    for (let i = 0; i < options.flipsPerClient; i++) {
      // Alternate: promote version 2, then roll back to version 1 (the first flip of a fresh pointer
      // promotes 1 first, so a rollback always has somewhere to go).
      const current = await fetch(`${options.base}/models/${model}`, {
        headers,
      }).then(r => r.json());
      const pointer = current.pointers.find(
        (p: { alias: string }) => p.alias === 'production',
      );
      const rollback = pointer?.version === 2;
      // A fresh pointer is promoted to 1 first, so every rollback has somewhere to go.
      let target = 1;
      if (pointer && !rollback) target = 2;
      const sent = performance.now();
      const res = await fetch(
        `${options.base}/models/${model}/aliases/production${
          rollback ? '/rollback' : ''
        }`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify(
            rollback
              ? { region: 'us-east-1', reason: 'bench flip' }
              : { region: 'us-east-1', version: target, reason: 'bench flip' },
          ),
        },
      );
      const answered = performance.now();
      const body = await res.json();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== 200) continue;
      request.push(answered - sent);
      if (body.published) publishedInRequest += 1;
      const arn = flipArn(m, target);
      for (;;) {
        const { Parameter } = await ssm
          .send(
            new GetParameterCommand({
              Name: `/bedrock-models/${model}/production`,
            }),
          )
          .catch(() => ({ Parameter: undefined }));
        if (Parameter?.Value === arn) break;
        if (performance.now() - answered > 60_000)
          throw new Error(`${model} never showed ${arn}`);
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      visible.push(performance.now() - answered);
    }
  }

  await Promise.all(
    Array.from({ length: options.clients }, (_, m) => client(m)),
  );
  const run: FlipRun = {
    clients: options.clients,
    flips: request.length,
    statuses,
    publishedInRequest,
    visible: percentiles(visible),
    request: percentiles(request),
  };
  process.stdout.write(JSON.stringify(run));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
