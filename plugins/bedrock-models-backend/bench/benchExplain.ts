// EXPLAIN ANALYZE for the benches: the statements a store method runs (captured from knex, in the
// positional form PostgreSQL receives) and their plans, with planning and execution times.
import { Knex } from 'knex';

/** A statement as knex sent it to PostgreSQL ($1, $2 ... placeholders). */
export type Statement = { sql: string; bindings: readonly unknown[] };

/** Runs `call` and answers every statement it sent through `knex`, in order. */
export async function captureStatements(
  knex: Knex,
  call: () => Promise<unknown>,
): Promise<Statement[]> {
  const captured: Statement[] = [];
  const capture = (data: { sql: string; bindings?: readonly unknown[] }) =>
    captured.push({ sql: data.sql, bindings: data.bindings ?? [] });
  knex.on('query', capture);
  try {
    await call();
  } finally {
    knex.off('query', capture);
  }
  return captured;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one statement, on a connection of `knex`'s pool, `runs` times: the plan
 * of the fastest run (the machine is shared; a run the scheduler interrupts says nothing about the plan),
 * with the execution time of every run.
 */
export async function explainAnalyze(
  knex: Knex,
  statement: Statement,
  runs = 3,
) {
  const connection = await knex.client.acquireConnection();
  try {
    const explained = [];
    for (let run = 0; run < runs; run++) {
      const result = await connection.query(
        `explain (analyze, buffers) ${statement.sql}`,
        statement.bindings,
      );
      const plan: string[] = result.rows.map(
        (row: Record<string, string>) => row['QUERY PLAN'],
      );
      const time = (label: string) =>
        Number(
          new RegExp(`${label} Time: ([\\d.]+) ms`).exec(
            plan.join('\n'),
          )?.[1] ?? NaN,
        );
      explained.push({
        planningMs: time('Planning'),
        executionMs: time('Execution'),
        plan,
      });
    }
    const fastest = explained.reduce((a, b) =>
      b.executionMs < a.executionMs ? b : a,
    );
    return {
      sql: statement.sql,
      bindings: statement.bindings,
      ...fastest,
      executionMsOfEachRun: explained.map(e => e.executionMs),
    };
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
