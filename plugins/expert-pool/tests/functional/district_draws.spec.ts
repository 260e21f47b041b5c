import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant } from '#tests/helpers/bids'
import { allowForDistricts, tenantOf } from '#tests/helpers/plugins'
import {
  CITY,
  addExpert,
  drawBody,
  ensureEnabled,
  freshLeaf,
  tradeWithParties,
} from './draw_fixtures.js'

const DISTRICT = '500101'
const districtApi = `/t/${DISTRICT}/expert-pool/api`

test.group('expert-pool: draws of a district', (group) => {
  group.setup(async () => {
    await ensureEnabled(CITY)
    await allowForDistricts('expert-pool', true)
    await ensureEnabled(DISTRICT)
  })

  test('a district draws from the city pool into its own rows; only the city keeps the pool', async ({
    client,
    assert,
  }) => {
    const leaf = await freshLeaf()
    await addExpert({ specialty: leaf })
    await addExpert({ specialty: leaf })
    const { tradeId } = await tradeWithParties(DISTRICT)
    const drawer = await createAccount([{ code: DISTRICT, role: 'expert_drawer' }])
    const committed = await client
      .post(`${districtApi}/draws`)
      .json(drawBody(tradeId, leaf, { lines: [{ code: leaf, count: 1 }] }))
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    committed.assertStatus(201)
    const id = committed.body().data.id
    assert.equal(committed.body().data.poolSize, 2)

    const district = await tenantOf(DISTRICT)
    const row = await inTenant(DISTRICT, () => db.from('expert_draws').where('id', id).first())
    assert.equal(Number(row.tenant_id), district.id)

    // A drawer of the city does not see the district's draw
    const cityDrawer = await createAccount([{ code: CITY, role: 'expert_drawer' }])
    const elsewhere = await client
      .get(`/t/${CITY}/expert-pool/api/draws/${id}`)
      .accept('json')
      .loginAs(cityDrawer)
    elsewhere.assertStatus(404)
    // The city's supervision reads every district's draws
    const citySupervisor = await createAccount([{ code: CITY, role: 'supervisor' }])
    const watched = await client
      .get(`/t/${CITY}/expert-pool/api/supervision`)
      .accept('json')
      .loginAs(citySupervisor)
    watched.assertStatus(200)
    assert.include(
      watched.body().draws.map((draw: { id: number }) => draw.id),
      id
    )

    const districtAdmin = await createAccount([{ code: DISTRICT, role: 'expert_admin' }])
    const maintain = await client
      .post(`${districtApi}/experts/import`)
      .file('file', Buffer.from('code,nameZh,nameEn\n'), { filename: 'x.csv' })
      .accept('json')
      .withCsrfToken()
      .loginAs(districtAdmin)
    maintain.assertStatus(403)
  })
})
