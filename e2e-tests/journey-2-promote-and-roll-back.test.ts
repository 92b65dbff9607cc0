import { expect, Page, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { ssmParameter } from './support/emulator';
import {
  modelTabPath,
  moveConfirmation,
  signIn,
  versionRow,
} from './support/portal';

// The guest is in support-ml, which owns support-summarizer; the demo seed imported its versions 1
// and 2 into us-east-1 (version 3 is its eu-central-1 import).
const MODEL = 'support-summarizer';
const ALIAS = 'production';
const REGION = 'us-east-1';
const GUEST = 'user:default/guest';
// The guest's display name in the demo org (examples/org.yaml).
const GUEST_NAME = 'Guest';

type Move = {
  kind: 'promote' | 'rollback';
  from: number;
  to: number;
  reason: string;
};

/**
 * After a move, every place that says what serves production must say `to`: the page's pointer card
 * (version, ARN, who, published to SSM), its history and versions table, the registry's history, the
 * catalog entities of the model and of both versions, and the SSM parameter callers read.
 */
async function expectEveryoneAgrees(
  page: Page,
  api: PortalApi,
  move: Move,
  context: { arns: Map<number, string>; parameterName: string },
) {
  const arn = context.arns.get(move.to)!;
  const verb = move.kind === 'rollback' ? 'rolled back' : 'promoted';

  // The page
  const pointer = page.getByRole('region', { name: `${ALIAS} in ${REGION}` });
  await expect(pointer).toContainText(`version ${move.to}`);
  await expect(pointer).toContainText(arn);
  // People read the catalog's display name of the guest, not its entity ref.
  await expect(pointer).toContainText(`by ${GUEST_NAME}`);
  // The page re-reads while the move's SSM write is pending, so it ends up saying it is published.
  await expect(pointer).toContainText('SSM parameter: published');
  const latestMove = page
    .getByRole('list', { name: 'Model history' })
    .getByRole('listitem')
    .first();
  await expect(latestMove).toContainText(
    `${GUEST_NAME} ${verb} ${ALIAS} in ${REGION} from v${move.from} to v${move.to}`,
  );
  await expect(latestMove).toContainText(`“${move.reason}”`);
  await expect(
    versionRow(page, move.to).getByRole('gridcell').nth(6),
  ).toHaveText(new RegExp(`\\b${ALIAS}\\b`));
  await expect(
    versionRow(page, move.from).getByRole('gridcell').nth(6),
  ).not.toHaveText(new RegExp(`\\b${ALIAS}\\b`));

  // The registry's history of the pointer
  const history = await api.history(MODEL, ALIAS, REGION);
  expect(history.at(-1)).toMatchObject({
    kind: move.kind,
    fromVersion: move.from,
    toVersion: move.to,
    actor: GUEST,
    reason: move.reason,
  });

  // The catalog: the model's annotation per pointer, and the pointers each version entity lists.
  await expect
    .poll(
      async () =>
        (
          await api.resource(MODEL)
        )?.metadata.annotations?.[`bedrock-models.io/${ALIAS}.${REGION}`],
      { message: 'the catalog entity of the model', timeout: 60_000 },
    )
    .toBe(String(move.to));
  const pointersOf = async (version: number) =>
    (await api.resource(`${MODEL}-v${version}`))?.metadata.annotations?.[
      'bedrock-models.io/pointers'
    ]?.split(',') ?? [];
  await expect
    .poll(() => pointersOf(move.to), {
      message: `the catalog entity of version ${move.to}`,
      timeout: 60_000,
    })
    .toContain(ALIAS);
  await expect
    .poll(() => pointersOf(move.from), {
      message: `the catalog entity of version ${move.from}`,
      timeout: 60_000,
    })
    .not.toContain(ALIAS);

  // SSM in the emulator: what callers read. The outbox publishes it moments after the move.
  await expect
    .poll(() => ssmParameter(REGION, context.parameterName), {
      message: `SSM parameter ${context.parameterName}`,
      timeout: 60_000,
    })
    .toBe(arn);
}

test('an owner promotes version 2 to production, then rolls back to version 1, and the page, history, catalog and SSM agree after each step', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 3);
  const settings = await api.settings();
  const parameterName = `${settings.ssmParameterPrefix}/${MODEL}/${ALIAS}`;

  // Start from production on version 1 in us-east-1, so the promote is 1 -> 2 and the rollback 2 -> 1.
  // The demo seed has no pointers; a retried attempt finds the pointer where the last one left it.
  const before = (await api.model(MODEL))!;
  const arns = new Map(
    before.versions
      .filter(v => v.region === REGION && v.importedModelArn)
      .map(v => [v.number, v.importedModelArn!]),
  );
  expect([...arns.keys()].sort()).toEqual(expect.arrayContaining([1, 2]));
  await api.ensurePointer(MODEL, ALIAS, REGION, 1);

  await signIn(page, modelTabPath(MODEL));
  const pointer = page.getByRole('region', { name: `${ALIAS} in ${REGION}` });
  await expect(pointer).toContainText('version 1');

  // Promote version 2, with a reason.
  const promoteReason = `e2e: version 2 passed the evals (${Date.now()})`;
  await page
    .getByRole('button', { name: 'Promote version 2', exact: true })
    .click();
  const promote = page.getByRole('dialog');
  await expect(promote).toContainText(`Promote version 2 of ${MODEL}`);
  await expect(
    promote.getByRole('button', { name: /^production / }),
  ).toBeVisible();
  await expect(promote.getByLabel('move', { exact: true })).toHaveText(
    'from version 1 to version 2',
  );
  const promoteButton = promote.getByRole('button', {
    name: 'Promote',
    exact: true,
  });
  // The reason is required: nothing is sent without one.
  await expect(promoteButton).toBeDisabled();
  await promote.getByRole('textbox', { name: 'Reason' }).fill(promoteReason);
  await promoteButton.click();
  await expect(promote).toBeHidden();
  await expect(
    page.getByText(
      moveConfirmation(
        `Version 2 now serves ${ALIAS} in ${REGION}.`,
        parameterName,
      ),
    ),
  ).toBeVisible();
  await expectEveryoneAgrees(
    page,
    api,
    { kind: 'promote', from: 1, to: 2, reason: promoteReason },
    { arns, parameterName },
  );

  // Roll back: the dialog shows the pointer's rollback target, version 1, as the backend names it.
  const rollbackReason = `e2e: latency regression on version 2 (${Date.now()})`;
  await pointer
    .getByRole('button', { name: `Roll back ${ALIAS} in ${REGION}` })
    .click();
  const rollback = page.getByRole('dialog');
  await expect(rollback).toContainText(`Roll back ${ALIAS} in ${REGION}`);
  await expect(rollback.getByLabel('move', { exact: true })).toHaveText(
    'from version 2 to version 1',
  );
  await rollback.getByRole('textbox', { name: 'Reason' }).fill(rollbackReason);
  await rollback
    .getByRole('button', { name: 'Roll back', exact: true })
    .click();
  await expect(rollback).toBeHidden();
  await expect(
    page.getByText(
      moveConfirmation(
        `The ${ALIAS} pointer in ${REGION} is back on version 1.`,
        parameterName,
      ),
    ),
  ).toBeVisible();
  await expectEveryoneAgrees(
    page,
    api,
    { kind: 'rollback', from: 2, to: 1, reason: rollbackReason },
    { arns, parameterName },
  );
});
