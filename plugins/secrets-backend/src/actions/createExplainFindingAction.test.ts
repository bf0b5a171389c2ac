import { outsider, startActionsBackend } from './__testUtils__/actionsBackend';

describe('explain-finding', () => {
  it('gives the cause, the evidence with the live provider error, and the fix', async () => {
    const { invoke, backend } = await startActionsBackend();
    const status = (await invoke('get-entity-secrets-status', {
      entityRef: 'payments',
    })) as { output: any };
    const syncError = status.output.findings.find(
      (f: any) => f.type === 'sync-error' && f.environment === 'production',
    );
    // found by id alone, among the entities the caller may read
    const { output } = (await invoke('explain-finding', {
      findingId: syncError.id,
    })) as { output: any };
    expect(output).toMatchObject({
      id: syncError.id,
      type: 'sync-error',
      label: 'Sync error',
      severity: 'error',
      entityRef: 'component:default/payments',
      cause: expect.stringContaining('not ready'),
      evidence: {
        subject: { kind: 'ExternalSecret', name: 'payments-stripe' },
        release: 'apps-payments',
        environment: 'production',
        live: [
          expect.objectContaining({
            cluster: 'prod-eu',
            ready: 'False',
            reason: 'SecretSyncedError',
            message: expect.stringContaining('permission denied'),
          }),
        ],
      },
      fix: { command: expect.stringContaining('force-sync') },
    });
    // the same with the entity named
    const named = (await invoke('explain-finding', {
      findingId: syncError.id,
      entityRef: 'component:default/payments',
    })) as { output: any };
    expect(named.output).toStrictEqual(output);
    await backend.stop();
  });

  it('does not find the findings of an entity the caller may not read', async () => {
    const { invoke, backend } = await startActionsBackend();
    const status = (await invoke('get-entity-secrets-status', {
      entityRef: 'checkout',
    })) as { output: any };
    const id = status.output.findings[0]?.id;
    expect(id).toBeDefined();
    await expect(
      invoke('explain-finding', { findingId: id }, outsider),
    ).rejects.toThrow(/No finding/);
    await expect(
      invoke(
        'explain-finding',
        { findingId: id, entityRef: 'checkout' },
        outsider,
      ),
    ).rejects.toThrow(/Not allowed/);
    await expect(
      invoke('explain-finding', { findingId: 'no such finding' }),
    ).rejects.toThrow(/Invalid findingId/);
    await backend.stop();
  });
});
