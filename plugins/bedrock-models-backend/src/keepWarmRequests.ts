import {
  isTimeZone,
  MAX_KEEP_WARM_WINDOWS,
  WEEKDAYS,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { z } from 'zod';
import { RegistryConfig } from './config/readRegistryConfig';
import { reasonField, regionSchema } from './registryRequests';

/** Requests of the keep-warm routes; what depends on the schedule is checked by -common's rules. */

const hour = (min: number, max: number) =>
  z
    .number({ error: `must be a whole hour, ${min}-${max}` })
    .int(`must be a whole hour, ${min}-${max}`)
    .min(min, `must be a whole hour, ${min}-${max}`)
    .max(max, `must be a whole hour, ${min}-${max}`);

const window = z.strictObject({
  days: z
    .array(
      z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], {
        error: `must be one of ${WEEKDAYS.join(', ')}`,
      }),
    )
    .min(1, 'name at least one day (mon ... sun)')
    .max(7, 'name each day once'),
  startHour: hour(0, 23),
  endHour: hour(1, 24),
});

/** Body of `PUT /models/{model}/aliases/{alias}/keep-warm`. */
export function keepWarmBody(config: RegistryConfig) {
  return z.strictObject({
    region: regionSchema(config),
    mode: z.enum(['off', 'always', 'windows'], {
      error: 'must be off, always or windows',
    }),
    intervalMinutes: z
      .number()
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(
        config.keepWarm.evictionMinutes - 1,
        `must be shorter than the eviction time (${
          config.keepWarm.evictionMinutes
        } minutes): use at most ${config.keepWarm.evictionMinutes - 1}`,
      )
      .optional(),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, {
        message: 'must be an IANA time zone such as Europe/Berlin',
      })
      .optional(),
    windows: z
      .array(window)
      .max(
        MAX_KEEP_WARM_WINDOWS,
        `use at most ${MAX_KEEP_WARM_WINDOWS} windows`,
      )
      .optional(),
    reason: reasonField,
  });
}

/** Query of `GET .../keep-warm`: the pointer's Region. */
export function keepWarmQuery(config: RegistryConfig) {
  return z.strictObject({ region: regionSchema(config) });
}

const days = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number of days, 1 to 90' })
    .int('must be a whole number of days, 1 to 90')
    .min(1, 'must be a whole number of days, 1 to 90')
    .max(90, 'must be a whole number of days, 1 to 90')
    .default(fallback);

/** Query of `GET .../cold-starts`: the Region, and how many days back (30 by default). */
export function coldStartsQuery(config: RegistryConfig) {
  return z.strictObject({ region: regionSchema(config), days: days(30) });
}

/** Query of `GET /cold-starts`: how many days back (7 by default). */
export const coldStartAttentionQuery = z.strictObject({ days: days(7) });
