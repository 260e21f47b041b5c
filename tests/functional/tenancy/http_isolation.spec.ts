import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { SYSTEM_ACTOR, recordAudit } from '#audit/audit_log'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { inScope } from '#tests/helpers/tenancy'

/**
 * Over HTTP, another tenant's resource does not exist: district staff asking
 * for another district's (or the city's) audit event by id get the same 404
 * as for an id nobody has, as JSON and as a page, so a response never tells
 * that the row exists.
 */
const OWN = '500101'
const MISSING_ID = 987654321

async function eventOf(code: string, action: string) {
  return inScope(code, async () => {
    await recordAudit(SYSTEM_ACTOR, { action, subjectType: 'probe', subjectId: code })
    const row = await db.from('audit_events').where('action', action).select('id').firstOrFail()
    return Number(row.id)
  })
}

/** Page props apart from the per-request CSRF token */
function withoutToken(props: unknown) {
  const { csrfToken, ...rest } = props as Record<string, unknown>
  return rest
}

test.group('http isolation', () => {
  test('district staff get the same 404 for a foreign event as for a missing one', async ({
    client,
    assert,
  }) => {
    const action = `isolation.http.${randomUUID()}`
    const ownId = await eventOf(OWN, action)
    const foreign = {
      '500102': await eventOf('500102', action),
      '500103': await eventOf('500103', action),
      '500000': await eventOf('500000', action),
    }
    const auditor = await createAccount([{ code: OWN, role: 'auditor' }])

    const own = await client.get(`/api/v1/t/${OWN}/audit/${ownId}`).loginAs(auditor)
    own.assertStatus(200)
    assert.equal(own.body().data.id, ownId)

    const missingApi = await client.get(`/api/v1/t/${OWN}/audit/${MISSING_ID}`).loginAs(auditor)
    const missingPage = await client
      .get(`/t/${OWN}/audit/${MISSING_ID}`)
      .withInertia()
      .loginAs(auditor)
    missingApi.assertStatus(404)
    missingPage.assertStatus(404)

    for (const [code, id] of Object.entries(foreign)) {
      const api = await client.get(`/api/v1/t/${OWN}/audit/${id}`).loginAs(auditor)
      assert.equal(api.status(), 404, `event of ${code} through the API`)
      assert.deepEqual(api.body(), missingApi.body(), `event of ${code}: same body as a missing id`)

      const page = await client.get(`/t/${OWN}/audit/${id}`).withInertia().loginAs(auditor)
      assert.equal(page.status(), 404, `event of ${code} as a page`)
      page.assertInertiaComponent('core/error')
      assert.deepEqual(withoutToken(page.inertiaProps), withoutToken(missingPage.inertiaProps))
    }
  })
})
