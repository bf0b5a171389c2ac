/*
 * End-to-end suite of the actions for AI assistants, run by the
 * repository's e2e runner against the demo portal: an MCP client's calls
 * to the MCP actions backend (streamable HTTP at /api/mcp-actions/v1),
 * with the signed-in guest's token.
 *
 * 1. `tools/list` offers the three secrets tools with their JSON schemas.
 * 2. `tools/call` of `secrets.get-entity-secrets-status` for payments, then
 *    `secrets.explain-finding` of its production sync error, then
 *    `secrets.secret-impact` of the Stripe key; each answer is checked.
 */
const TOOLS = [
  'secrets.get-entity-secrets-status',
  'secrets.explain-finding',
  'secrets.secret-impact',
];

function assert(condition, message) {
  if (!condition) throw new Error(`mcp e2e: ${message}`);
}

/** One JSON-RPC call; the answer comes as JSON or as one server-sent event. */
async function rpc(page, url, authorization, id, method, params) {
  const res = await page.request.post(url, {
    headers: {
      authorization,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    data: { jsonrpc: '2.0', id, method, params },
  });
  assert(res.ok(), `${method} answered HTTP ${res.status()}`);
  const text = await res.text();
  const json = text.trimStart().startsWith('{')
    ? text
    : text
        .split('\n')
        .filter(l => l.startsWith('data:'))
        .map(l => l.slice(5))
        .join('');
  const body = JSON.parse(json);
  assert(!body.error, `${method} failed: ${JSON.stringify(body.error)}`);
  return body.result;
}

async function callTool(page, url, authorization, id, name, args) {
  const result = await rpc(page, url, authorization, id, 'tools/call', {
    name,
    arguments: args,
  });
  assert(
    !result.isError,
    `${name} answered an error: ${JSON.stringify(result.content)}`,
  );
  return (
    result.structuredContent ??
    JSON.parse(result.content.find(c => c.type === 'text').text)
  );
}

export async function run({ page, baseUrl, backendUrl, log, signIn }) {
  // the signed-in guest's token, as the frontend sends it
  const seen = page.waitForRequest(
    r => r.url().startsWith(backendUrl) && !!r.headers().authorization,
    { timeout: 120_000 },
  );
  await page.goto(`${baseUrl}/catalog`);
  await signIn(page);
  const authorization = (await seen).headers().authorization;
  const url = `${backendUrl}/api/mcp-actions/v1`;

  await rpc(page, url, authorization, 1, 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'secrets-e2e', version: '1.0.0' },
  });
  const { tools } = await rpc(page, url, authorization, 2, 'tools/list', {});
  const names = tools.map(t => t.name);
  for (const t of TOOLS)
    assert(names.includes(t), `tools/list lacks ${t}: ${names.join(', ')}`);
  const status = tools.find(t => t.name === TOOLS[0]);
  assert(
    status.inputSchema?.properties?.entityRef,
    'get-entity-secrets-status has no entityRef input',
  );
  log(`mcp: tools/list offers ${TOOLS.join(', ')} (${tools.length} tools)`);

  const entity = await callTool(page, url, authorization, 3, TOOLS[0], {
    entityRef: 'component:default/payments',
  });
  assert(
    entity.entityRef === 'component:default/payments',
    `status of ${entity.entityRef}`,
  );
  const syncError = entity.findings.find(
    f => f.type === 'sync-error' && f.environment === 'production',
  );
  assert(syncError, 'payments has no production sync error');

  const explained = await callTool(page, url, authorization, 4, TOOLS[1], {
    findingId: syncError.id,
  });
  assert(
    explained.evidence.live.some(l => l.reason === 'SecretSyncedError'),
    'the explanation has no live evidence',
  );
  assert(explained.fix.actions.length > 0, 'the explanation has no fix');

  const impact = await callTool(page, url, authorization, 5, TOOLS[2], {
    vaultKey: 'payments-stripe-api-key',
  });
  assert(
    impact.summary.externalSecrets > 0,
    'the Stripe key has no ExternalSecrets',
  );
  assert(
    impact.owners.some(o => o.entityRef === 'component:default/payments'),
    `the Stripe key's owners are ${JSON.stringify(impact.owners)}`,
  );
  log(
    `mcp: payments has ${entity.findings.length} findings; ${
      syncError.id
    } explained (${explained.fix.title}); the Stripe key reaches ${
      impact.summary.externalSecrets
    } ExternalSecrets in ${
      impact.summary.environments.length
    } environments, owned by ${impact.owners.map(o => o.entityRef).join(', ')}`,
  );
}
