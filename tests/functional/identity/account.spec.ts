import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { auditActions, countRows, randomUscc } from '#tests/helpers/identity'
import type Account from '#identity/models/account'

/**
 * My account: who I am, the entities I act for, which one is current, and
 * (for an owner) who else may act for an entity.
 */
async function registerEntity(client: any, account: Account, name = '重庆示例有限公司') {
  const response = await client
    .post('/api/v1/entities')
    .json({ codeType: 'uscc', code: randomUscc(), name, entityType: 'legal_person' })
    .withCsrfToken()
    .loginAs(account)
  response.assertStatus(201)
  return response.body().data.id as number
}

function switchTo(client: any, account: Account, entityId: unknown) {
  return client
    .post('/api/v1/me/current-entity')
    .json({ entityId })
    .withCsrfToken()
    .loginAs(account)
}

test.group('my account', () => {
  test('the API lists me and my entities; the first is current by default', async ({
    client,
    assert,
  }) => {
    const account = await createAccount([], 'Entity Owner')
    const first = await registerEntity(client, account, '第一公司')
    const second = await registerEntity(client, account, '第二公司')
    const response = await client.get('/api/v1/me').loginAs(account)
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.account.id, account.id)
    assert.equal(data.account.displayName, 'Entity Owner')
    assert.notProperty(data.account, 'password')
    assert.deepEqual(
      data.entities.map((e: any) => [e.id, e.name, e.role, e.current]),
      [
        [first, '第一公司', 'owner', true],
        [second, '第二公司', 'owner', false],
      ]
    )
    assert.equal(data.currentEntityId, first)
  })

  test('the page shows the same', async ({ client, assert }) => {
    const account = await createAccount([], 'Page Owner')
    const id = await registerEntity(client, account)
    const response = await client.get('/account').withInertia().loginAs(account)
    response.assertStatus(200)
    response.assertInertiaComponent('identity/account')
    const props = response.inertiaProps as any
    assert.equal(props.profile.displayName, 'Page Owner')
    assert.deepEqual(
      props.entities.map((e: any) => e.id),
      [id]
    )
  })

  test('switching the current entity, kept in the session', async ({ client, assert }) => {
    const account = await createAccount()
    const first = await registerEntity(client, account)
    const second = await registerEntity(client, account)

    const switched = await switchTo(client, account, second)
    switched.assertStatus(200)
    switched.assertBody({ data: { currentEntityId: second } })
    switched.assertSession('identity.currentEntityId', second)

    const me = await client
      .get('/api/v1/me')
      .withSession({ 'identity.currentEntityId': second })
      .loginAs(account)
    assert.equal(me.body().data.currentEntityId, second)

    const page = await client
      .post('/account/current-entity')
      .json({ entityId: String(first) })
      .withInertia()
      .withCsrfToken()
      .loginAs(account)
      .redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', '/account')
    page.assertSession('identity.currentEntityId', first)
  })

  test('only entities I am a member of; anything else is refused, nothing stored', async ({
    client,
    assert,
  }) => {
    const account = await createAccount()
    const stranger = await createAccount()
    const theirs = await registerEntity(client, stranger)

    for (const entityId of [theirs, 999_999_999]) {
      const response = await switchTo(client, account, entityId)
      response.assertStatus(403)
      response.assertBody({ errors: [{ field: '', message: '您没有执行此操作的权限' }] })
      response.assertSessionMissing('identity.currentEntityId')
    }
    for (const [entityId, message] of [
      [undefined, '请填写市场主体'],
      ['', '请填写市场主体'],
      ['abc', '市场主体必须是数字'],
      [-1, '市场主体必须大于 0'],
      [1.5, '市场主体必须是整数'],
      ['9'.repeat(10_000), '市场主体必须是数字'],
    ] as const) {
      const response = await switchTo(client, account, entityId)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, 'entityId', String(entityId))
      assert.equal(response.body().errors[0].message, message)
    }
    // A stale choice in the session (membership gone) falls back to my own first entity
    const mine = await registerEntity(client, account)
    const me = await client
      .get('/api/v1/me')
      .withSession({ 'identity.currentEntityId': theirs })
      .loginAs(account)
    assert.equal(me.body().data.currentEntityId, mine)
  })

  test('my account needs a login', async ({ client }) => {
    const response = await client.get('/api/v1/me')
    response.assertStatus(401)
    response.assertBody({ errors: [{ field: '', message: '请先登录' }] })
  })
})

test.group('entity members', () => {
  test('an owner adds a member by email or mobile; the member then acts for it', async ({
    client,
    assert,
  }) => {
    const owner = await createAccount()
    const member = await createAccount()
    const byMobile = await createAccount()
    const mobile = `137${String(byMobile.id).padStart(8, '0')}`
    await db.connection('owner').from('accounts').where('id', byMobile.id).update({ mobile })
    const entityId = await registerEntity(client, owner)

    const added = await client
      .post(`/api/v1/entities/${entityId}/members`)
      .json({ uid: member.email!.toUpperCase() })
      .withCsrfToken()
      .loginAs(owner)
    added.assertStatus(201)
    added.assertBody({ data: { entityId, accountId: member.id, role: 'member' } })
    const addedByMobile = await client
      .post(`/api/v1/entities/${entityId}/members`)
      .json({ uid: mobile })
      .withCsrfToken()
      .loginAs(owner)
    addedByMobile.assertStatus(201)

    const me = await client.get('/api/v1/me').loginAs(member)
    assert.deepEqual(
      me.body().data.entities.map((e: any) => [e.id, e.role]),
      [[entityId, 'member']]
    )
    const switched = await switchTo(client, member, entityId)
    switched.assertStatus(200)
    const events = await auditActions('market_entity', entityId)
    assert.deepEqual(
      events.map((e) => e.action),
      ['entity.register', 'entity.member_add', 'entity.member_add']
    )
  })

  test('members cannot add members; unknown and existing accounts are refused', async ({
    client,
    assert,
  }) => {
    const owner = await createAccount()
    const member = await createAccount()
    const outsider = await createAccount()
    const entityId = await registerEntity(client, owner)
    const add = async (as: Account, uid: unknown, status: number, id: number = entityId) => {
      const response = await client
        .post(`/api/v1/entities/${id}/members`)
        .json({ uid })
        .withCsrfToken()
        .loginAs(as)
      response.assertStatus(status)
      return response
    }
    await add(owner, member.email, 201)
    const before = await countRows('entity_members')

    await add(member, outsider.email, 403)
    await add(outsider, outsider.email, 403)
    await add(owner, outsider.email, 403, 999_999_999)

    const unknown = await add(owner, 'nobody@test.ggzy.cn', 422)
    unknown.assertBody({
      errors: [
        {
          field: 'uid',
          message: '没有找到该账号，请对方先注册',
          rule: 'identity.members.unknown_account',
        },
      ],
    })
    const again = await add(owner, member.email, 422)
    assert.equal(again.body().errors[0].message, '该账号已是本主体的成员')

    for (const uid of [undefined, '', 'x'.repeat(10_000), ['x']]) {
      const response = await add(owner, uid, 422)
      assert.equal(response.body().errors[0].field, 'uid')
    }
    assert.equal(await countRows('entity_members'), before)
  })
})
