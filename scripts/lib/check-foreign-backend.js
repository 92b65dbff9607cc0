// What an adopter checks after installing the plugins, against the foreign app's running backend:
// node scripts/lib/check-foreign-backend.js <backend base URL>
// Waits (up to a deadline) for what the backend builds in the background: the registry's discovery of
// the emulator's demo models and the catalog's entities for them. Exits non-zero on the first miss.
const base = process.argv[2];
const DEMO_MODEL = 'support-summarizer';
const ACTIONS = [
  'bedrock:model:validate',
  'bedrock:model:import',
  'bedrock:model:promote',
];

async function call(path, options = {}) {
  const response = await fetch(`${base}${path}`, options);
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

async function until(what, seconds, attempt) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    last = await attempt();
    if (last.ok) {
      console.log(`  ok  ${what}: ${last.detail}`);
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`${what}: not within ${seconds}s (last: ${last?.detail})`);
}

async function main() {
  const health = await call('/api/bedrock-models/health');
  if (health.status !== 200) {
    throw new Error(
      `GET /api/bedrock-models/health answered ${
        health.status
      }: ${JSON.stringify(health.body)}`,
    );
  }
  console.log(
    `  ok  GET /api/bedrock-models/health: ${JSON.stringify(health.body)}`,
  );

  const session = await call('/api/auth/guest/refresh', { method: 'POST' });
  const token = session.body?.backstageIdentity?.token;
  if (!token) {
    throw new Error(`guest sign-in failed: ${session.status}`);
  }
  const headers = { Authorization: `Bearer ${token}` };

  await until(
    `the registry lists the demo model ${DEMO_MODEL}`,
    120,
    async () => {
      const models = await call('/api/bedrock-models/models', { headers });
      const names = (models.body?.items ?? []).map(m => m.name);
      return {
        ok: models.status === 200 && names.includes(DEMO_MODEL),
        detail: `${models.status} [${names.join(', ')}]`,
      };
    },
  );

  await until(
    'the catalog holds ai-model entities from the provider',
    180,
    async () => {
      const query = new URLSearchParams({
        filter: 'kind=resource,spec.type=ai-model',
      });
      const entities = await call(`/api/catalog/entities/by-query?${query}`, {
        headers,
      });
      const names = (entities.body?.items ?? [])
        .filter(e => e.metadata?.annotations?.['bedrock-models.io/model'])
        .map(e => e.metadata.name);
      return {
        ok: entities.status === 200 && names.includes(DEMO_MODEL),
        detail: `${entities.status} [${names.join(', ')}]`,
      };
    },
  );

  const actions = await call('/api/scaffolder/v2/actions', { headers });
  const ids = Array.isArray(actions.body) ? actions.body.map(a => a.id) : [];
  const missing = ACTIONS.filter(id => !ids.includes(id));
  if (actions.status !== 200 || missing.length > 0) {
    throw new Error(
      `GET /api/scaffolder/v2/actions (${actions.status}) lacks ${missing.join(
        ', ',
      )}`,
    );
  }
  console.log(`  ok  the scaffolder registers ${ACTIONS.join(', ')}`);

  // The README's policy: promoting is for the model's owners (and admins); the guest owns nothing here.
  const promote = await call(
    `/api/bedrock-models/models/${DEMO_MODEL}/aliases/production`,
    {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        region: 'us-east-1',
        version: 1,
        reason: 'foreign install check',
        dryRun: true,
      }),
    },
  );
  if (promote.status !== 403) {
    throw new Error(
      `a non-owner's promote dry run answered ${
        promote.status
      }, not 403: ${JSON.stringify(promote.body)}`,
    );
  }
  console.log("  ok  the README policy refuses a non-owner's promote (403)");
}

main().catch(error => {
  console.error(`  FAIL ${error.message}`);
  process.exit(1);
});
