import { test } from '@japa/runner'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import { bidderAccount, inTenant } from '#tests/helpers/bids'
import { district } from '#tests/helpers/supervision'

/**
 * City supervisors list the complaints of every district in their
 * categories at the city platform, read them, and handle none there; the
 * city's trading centre and other districts see none of them.
 * District 500187 is this file's own.
 */
let CODE = ''
const at = (day: string) => new Date(`${day}T10:00:00+08:00`)

async function fileComplaint(client: any, regime: string) {
  const complainant = await bidderAccount()
  const filed = await client
    .post(`/api/v1/t/${CODE}/complaints`)
    .json({
      kind: 'complaint',
      regime,
      stage: 'process',
      respondent: '重庆某代理机构',
      claims: '代理机构在开标过程中违反规定，请求依法处理。',
      knownOn: '2026-09-01',
    })
    .withCsrfToken()
    .loginAs(complainant.account)
  filed.assertStatus(201)
  return filed.body().data.id as number
}

test.group('complaints across the city', (group) => {
  group.setup(async () => {
    CODE = await district('cityComplaints')
  })
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('a city supervisor lists and reads the districts’ complaints of its categories, and handles none', async ({
    client,
    assert,
  }) => {
    await inTenant(CODE, () => clock.freeze(at('2026-09-01')))
    const procurement = await fileComplaint(client, 'government_procurement')
    const construction = await fileComplaint(client, 'construction')
    const city = await createAccount([
      { code: '500000', role: 'supervisor', categories: ['government_procurement'] },
    ])
    const list = await client.get('/api/v1/t/500000/complaints').loginAs(city)
    list.assertStatus(200)
    const ids = list.body().data.map((item: any) => item.id)
    assert.include(ids, procurement)
    assert.notInclude(ids, construction)
    const seen = list.body().data.find((item: any) => item.id === procurement)
    assert.equal(seen.tenant.code, CODE)
    assert.equal(seen.clock.acceptDue, '2026-09-08')

    const page = await client.get('/t/500000/complaints').loginAs(city)
    page.assertStatus(200)
    const detail = await client.get(`/api/v1/t/500000/complaints/${procurement}`).loginAs(city)
    detail.assertStatus(200)
    const hidden = await client.get(`/api/v1/t/500000/complaints/${construction}`).loginAs(city)
    hidden.assertStatus(403)
    const accept = await client
      .post(`/api/v1/t/500000/complaints/${procurement}/accept`)
      .withCsrfToken()
      .loginAs(city)
    accept.assertStatus(403)

    const cityCentre = await createAccount([{ code: '500000', role: 'center_operator' }])
    const centreList = await client.get('/api/v1/t/500000/complaints').loginAs(cityCentre)
    centreList.assertStatus(200)
    assert.notInclude(
      centreList.body().data.map((item: any) => item.id),
      procurement
    )
    const otherDistrict = await createAccount([
      { code: await district('cases'), role: 'supervisor', categories: ['government_procurement'] },
    ])
    const otherList = await client
      .get(`/api/v1/t/${await district('cases')}/complaints`)
      .loginAs(otherDistrict)
    assert.notInclude(
      otherList.body().data.map((item: any) => item.id),
      procurement
    )
  })
})
