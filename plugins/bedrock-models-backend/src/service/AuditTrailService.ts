import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  AuditTrail,
  auditTrailCsv,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  AuditFilters,
  AuditPosition,
  AuditTrailQuery,
} from '../database/AuditTrailQuery';

/** Events an export reads at a time: memory stays flat however long the trail. */
const EXPORT_BATCH = 1000;

/** A cursor names the last event of a page, tied to the filters it was made for. */
function fingerprint(filters: AuditFilters): string {
  return createHash('sha256')
    .update(JSON.stringify(filters))
    .digest('hex')
    .slice(0, 12);
}

function encodeCursor(position: AuditPosition, print: string): string {
  return Buffer.from(
    JSON.stringify({ a: position.at.toISOString(), i: position.id, f: print }),
  ).toString('base64url');
}

function decodeCursor(cursor: string, print: string): AuditPosition {
  try {
    const { a, i, f } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const at = new Date(a);
    if (f === print && typeof i === 'string' && !Number.isNaN(at.getTime())) {
      return { at, id: i };
    }
  } catch {
    // Answered below.
  }
  throw new InputError(
    'Invalid cursor: it belongs to other filters; ask for the first page again.',
  );
}

/**
 * The audit trail: every import, move, retirement and approval decision across all models, newest
 * first, paged by position (so a page never repeats or skips events that arrive meanwhile) and
 * exported as CSV a batch at a time.
 */
export class AuditTrailService {
  constructor(private readonly deps: { query: AuditTrailQuery }) {}

  async page(
    filters: AuditFilters,
    paging: { limit: number; cursor?: string },
  ): Promise<AuditTrail> {
    const print = fingerprint(filters);
    const after = paging.cursor
      ? decodeCursor(paging.cursor, print)
      : undefined;
    // One more than asked says whether there is a next page.
    const events = await this.deps.query.page(filters, after, paging.limit + 1);
    const items = events.slice(0, paging.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        events.length > paging.limit && last
          ? encodeCursor({ at: new Date(last.at), id: last.id }, print)
          : undefined,
    };
  }

  async csv(
    filters: AuditFilters,
    write: (chunk: string) => Promise<void>,
  ): Promise<void> {
    let batch = await this.deps.query.page(filters, undefined, EXPORT_BATCH);
    await write(auditTrailCsv(batch, { header: true }));
    while (batch.length === EXPORT_BATCH) {
      const last = batch[batch.length - 1];
      batch = await this.deps.query.page(
        filters,
        { at: new Date(last.at), id: last.id },
        EXPORT_BATCH,
      );
      if (batch.length > 0)
        await write(auditTrailCsv(batch, { header: false }));
    }
  }
}
