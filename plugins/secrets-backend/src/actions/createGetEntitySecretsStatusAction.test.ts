import { outsider, startActionsBackend } from './__testUtils__/actionsBackend';

describe('get-entity-secrets-status', () => {
  it('returns the Secrets tab of an entity as data, with finding ids', async () => {
    const { invoke, backend } = await startActionsBackend();
    const { output } = (await invoke('get-entity-secrets-status', {
      entityRef: 'payments',
    })) as { output: any };
    expect(output.entityRef).toBe('component:default/payments');
    expect(output.releases).toStrictEqual(['apps-payments']);
    const stripe = output.externalSecrets.find(
      (e: any) => e.name === 'payments-stripe',
    );
    expect(stripe).toMatchObject({
      targetSecret: 'payments-stripe',
      keys: ['payments-stripe-api-key'],
      states: { production: 'error' },
    });
    expect(output.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'sync-error',
          severity: 'error',
          environment: 'production',
          id: expect.any(String),
        }),
      ]),
    );
    expect(output.summary.findings.error).toBeGreaterThan(0);
    await backend.stop();
  });

  it("honours the caller's permission and refuses a bad reference", async () => {
    const { invoke, backend } = await startActionsBackend();
    await expect(
      invoke('get-entity-secrets-status', { entityRef: 'checkout' }, outsider),
    ).rejects.toThrow(/Not allowed: secrets.entity.read/);
    await expect(
      invoke('get-entity-secrets-status', { entityRef: 'payments' }, outsider),
    ).resolves.toBeDefined();
    await expect(
      invoke('get-entity-secrets-status', {
        entityRef: 'component:default/nope',
      }),
    ).rejects.toThrow(/not found/);
    await expect(
      invoke('get-entity-secrets-status', { entityRef: 'component:' }),
    ).rejects.toThrow(/Invalid entity reference/);
    await expect(invoke('get-entity-secrets-status', {})).rejects.toThrow();
    await backend.stop();
  });
});
