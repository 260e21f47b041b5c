import { test } from '@japa/runner'
import type { Job } from 'bullmq'
import { scopeRole } from '#tenancy/scopes'
import { type TenantJobData, tenantProcessor } from '#jobs/queues'

/** Malformed job scopes are refused before any transaction opens */
test.group('job scope', () => {
  test('scope names map to the scope roles and nothing else', ({ assert }) => {
    assert.equal(scopeRole('tenant'), 'ggzy_tenant')
    assert.equal(scopeRole('city'), 'ggzy_city')
    for (const name of ['constructor', 'toString', '__proto__', 'owner', '']) {
      assert.throws(() => scopeRole(name as any), /Unknown tenant scope/)
    }
  })

  test('a job with a malformed scope is unrecoverable and never reaches its handler', async ({
    assert,
  }) => {
    let ran = false
    const processor = tenantProcessor<TenantJobData, void>(async () => {
      ran = true
    })
    const malformed = [
      undefined,
      null,
      'tenant',
      { scope: 'tenant' },
      { scope: 'tenant', tenantId: -1, rootTenantId: 1 },
      { scope: 'tenant', tenantId: 1.5, rootTenantId: 1 },
      { scope: 'global', tenantId: null, rootTenantId: null },
    ]
    for (const scope of malformed) {
      const job = { data: { scope } } as unknown as Job<TenantJobData, void>
      const error = await processor(job).then(
        () => undefined,
        (thrown) => thrown
      )
      assert.equal(error?.name, 'UnrecoverableError', JSON.stringify(scope))
    }
    assert.isFalse(ran)
  })
})
