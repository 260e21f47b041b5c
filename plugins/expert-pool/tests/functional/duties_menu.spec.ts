import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { createAccount } from '#tests/helpers/accounts'
import { expertWithAccount } from '#tests/helpers/expert_pool'
import type Account from '#identity/models/account'
import { API, CITY, ensureEnabled } from './draw_fixtures.js'

const DUTY_ENTRIES = [`/t/${CITY}/expert-pool/invitations`, `/t/${CITY}/expert-pool/evaluations`]

async function menuHrefs(client: ApiClient, account: Account): Promise<string[]> {
  const response = await client.get(`/t/${CITY}`).withInertia().loginAs(account)
  response.assertStatus(200)
  return (response.inertiaProps as any).pluginMenu.map((entry: { href: string }) => entry.href)
}

test.group('expert-pool: the expert finds its own pages', (group) => {
  group.setup(() => ensureEnabled())

  test('a linked expert sees its invitations and evaluations in the menu, nobody else', async ({
    client,
    assert,
  }) => {
    const expert = await expertWithAccount('菜单专家')
    const ordinary = await createAccount([], '普通用户')

    assert.includeMembers(await menuHrefs(client, expert.account), DUTY_ENTRIES)
    const others = await menuHrefs(client, ordinary)
    for (const href of DUTY_ENTRIES) assert.notInclude(others, href)
  })

  test('linking an account through the pool shows the entries at once', async ({
    client,
    assert,
  }) => {
    const expert = await expertWithAccount('待换绑专家')
    const admin = await createAccount([{ code: CITY, role: 'expert_admin' }], '专家管理员')
    const newcomer = await createAccount([], '新绑定账号')
    const linked = await client
      .put(`${API}/experts/${expert.id}/account`)
      .json({ accountId: newcomer.id })
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    linked.assertStatus(200)

    assert.includeMembers(await menuHrefs(client, newcomer), DUTY_ENTRIES)
    const unlinked = await menuHrefs(client, expert.account)
    for (const href of DUTY_ENTRIES) assert.notInclude(unlinked, href)
  })
})
