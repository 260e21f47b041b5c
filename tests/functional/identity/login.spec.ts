import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { TEST_PASSWORD, createAccount } from '#tests/helpers/accounts'
import { Browser, auditActions, randomEmail } from '#tests/helpers/identity'

/**
 * Logging in: one generic answer for every failure, a throttle per account
 * and IP, and one session for every tenant.
 */
function login(client: any, uid: string, password: string) {
  return client.post('/api/v1/auth/login').json({ uid, password }).withCsrfToken()
}

/** Logs in and asserts the answer's status */
async function expectLogin(client: any, uid: string, password: string, status: number) {
  const response = await login(client, uid, password)
  response.assertStatus(status)
  return response
}

const GENERIC = {
  errors: [{ field: 'uid', message: '账号或密码错误', rule: 'identity.login.failed' }],
}

test.group('log in', () => {
  test('with email or password: the account, its last login, an audit event', async ({
    client,
    assert,
  }) => {
    const account = await createAccount([], 'Login Tester')
    const response = await login(client, ` ${account.email!.toUpperCase()} `, TEST_PASSWORD)
    response.assertStatus(200)
    response.assertBodyContains({ data: { id: account.id, email: account.email } })
    assert.equal(response.session('auth_web'), account.id)
    const row = await db.connection('owner').from('accounts').where('id', account.id).first()
    assert.isNotNull(row.last_login_at)
    assert.deepEqual(await auditActions('account', account.id), [
      { action: 'account.login', actor_account_id: account.id },
    ])
  })

  test('with a mobile number', async ({ client }) => {
    const account = await createAccount()
    const mobile = `139${String(account.id).padStart(8, '0')}`
    await db.connection('owner').from('accounts').where('id', account.id).update({ mobile })
    const response = await login(client, mobile, TEST_PASSWORD)
    response.assertStatus(200)
    response.assertBodyContains({ data: { id: account.id, mobile } })
  })

  test('unknown account, wrong password and disabled account get the same answer', async ({
    client,
    assert,
  }) => {
    const account = await createAccount()
    const disabled = await createAccount()
    await db
      .connection('owner')
      .from('accounts')
      .where('id', disabled.id)
      .update({ status: 'disabled', disabled_at: new Date() })

    const unknown = await login(client, randomEmail(), TEST_PASSWORD)
    const wrong = await login(client, account.email!, 'Wrong-Horse-42')
    const off = await login(client, disabled.email!, TEST_PASSWORD)
    for (const response of [unknown, wrong, off]) {
      response.assertStatus(422)
      response.assertBody(GENERIC)
      assert.isUndefined(response.session('auth_web'))
    }
    assert.deepEqual(await auditActions('account', disabled.id), [])
  })

  test('the 6th failure within 15 minutes is refused with 429, for that account only', async ({
    client,
    assert,
  }) => {
    const account = await createAccount()
    const other = await createAccount()
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await login(client, account.email!, `Wrong-Horse-${attempt}`)
      response.assertStatus(422)
      response.assertBody(GENERIC)
    }
    const sixth = await login(client, account.email!, 'Wrong-Horse-6')
    sixth.assertStatus(429)
    assert.match(sixth.body().errors[0].message, /^操作过于频繁，请 1[45] 分钟后再试$/)
    assert.isAbove(Number(sixth.header('retry-after')), 800)

    // Blocked means blocked: even the right password waits
    const right = await login(client, account.email!, TEST_PASSWORD)
    right.assertStatus(429)
    const english = await login(client, account.email!, TEST_PASSWORD).header(
      'accept-language',
      'en'
    )
    english.assertStatus(429)
    assert.match(
      english.body().errors[0].message,
      /^Too many attempts; try again in 1[45] minutes$/
    )

    // Another account from the same IP is not affected
    await expectLogin(client, other.email!, 'Wrong-Horse-1', 422)
    await expectLogin(client, other.email!, TEST_PASSWORD, 200)
  })

  test('a success clears the failures', async ({ client }) => {
    const account = await createAccount()
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expectLogin(client, account.email!, 'Wrong-Horse-42', 422)
    }
    await expectLogin(client, account.email!, TEST_PASSWORD, 200)
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expectLogin(client, account.email!, 'Wrong-Horse-42', 422)
    }
    await expectLogin(client, account.email!, 'Wrong-Horse-42', 429)
  })

  test('the page form: the generic message back on the form, then the next page', async ({
    client,
    assert,
  }) => {
    const account = await createAccount()
    const failed = await client
      .post('/login')
      .header('referer', '/login?next=/t/500101')
      .json({ uid: account.email, password: 'Wrong-Horse-42', next: '/t/500101' })
      .withInertia()
      .withCsrfToken()
      .redirects(0)
    failed.assertStatus(302)
    failed.assertHeader('location', '/login?next=%2Ft%2F500101')
    assert.deepEqual(failed.flashMessage('inputErrorsBag'), { uid: ['账号或密码错误'] })

    const next = await client
      .post('/login')
      .json({ uid: account.email, password: TEST_PASSWORD, next: '/t/500101' })
      .withInertia()
      .withCsrfToken()
      .redirects(0)
    next.assertStatus(302)
    next.assertHeader('location', '/t/500101')

    for (const unsafe of ['//evil.example', '/\\evil.example', 'https://evil.example']) {
      const response = await client
        .post('/login')
        .json({ uid: account.email, password: TEST_PASSWORD, next: unsafe })
        .withInertia()
        .withCsrfToken()
        .redirects(0)
      response.assertHeader('location', '/account')
    }
  })

  test('the login page keeps a safe next path only', async ({ client, assert }) => {
    const safe = await client.get('/login?next=%2Ft%2F500101%2Ftrades').withInertia()
    safe.assertInertiaComponent('identity/login')
    assert.equal((safe.inertiaProps as any).next, '/t/500101/trades')
    const unsafe = await client.get('/login?next=%2F%2Fevil.example').withInertia()
    assert.isNull((unsafe.inertiaProps as any).next)
  })

  test('a page that needs a login sends there with the way back', async ({ client }) => {
    const response = await client.get('/account').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login?next=%2Faccount')
  })

  test('empty, oversized and malformed input: 422 with field messages', async ({
    client,
    assert,
  }) => {
    const empty = await client.post('/api/v1/auth/login').json({}).withCsrfToken()
    empty.assertStatus(422)
    assert.sameDeepMembers(
      empty.body().errors.map((e: any) => ({ field: e.field, message: e.message })),
      [
        { field: 'uid', message: '请填写账号' },
        { field: 'password', message: '请填写密码' },
      ]
    )
    const oversized = await client
      .post('/api/v1/auth/login')
      .json({ uid: 'a'.repeat(10_000), password: 'b'.repeat(10_000) })
      .header('accept-language', 'en')
      .withCsrfToken()
    oversized.assertStatus(422)
    assert.sameDeepMembers(
      oversized.body().errors.map((e: any) => ({ field: e.field, message: e.message })),
      [
        { field: 'uid', message: 'Account must not exceed 254 characters' },
        { field: 'password', message: 'Password must not exceed 256 characters' },
      ]
    )
    const malformed = await client
      .post('/api/v1/auth/login')
      .json({ uid: ['x'], password: 42 })
      .withCsrfToken()
    malformed.assertStatus(422)
    assert.sameDeepMembers(
      malformed.body().errors.map((e: any) => e.message),
      ['账号必须是文本', '密码必须是文本']
    )
  })
})

test.group('one session for every tenant', () => {
  test('log in at 万州区, then the city platform and the API know me', async ({ assert }) => {
    const account = await createAccount([], 'Roaming Bidder')
    const browser = new Browser()
    await browser.get('/login?next=/t/500101')
    const loggedIn = await browser.post('/login', {
      uid: account.email,
      password: TEST_PASSWORD,
      next: '/t/500101',
    })
    assert.equal(loggedIn.status, 302)
    assert.equal(loggedIn.headers.get('location'), '/t/500101')
    const cookie = loggedIn.headers.getSetCookie().find((c) => c.startsWith('ggzy-session='))
    assert.match(cookie!, /Path=\/(;|$)/)
    assert.match(cookie!, /HttpOnly/i)

    for (const path of ['/t/500101', '/t/500000']) {
      const page = await browser.get(path)
      assert.equal(page.status, 200, path)
      assert.include(await page.text(), 'Roaming Bidder', path)
    }
    const me = await browser.request('GET', '/api/v1/me')
    assert.equal(me.status, 200)
    const body = (await me.json()) as any
    assert.equal(body.data.account.id, account.id)

    // Logging out ends it everywhere
    const loggedOut = await browser.post('/logout')
    assert.equal(loggedOut.status, 302)
    const after = await browser.request('GET', '/api/v1/me')
    assert.equal(after.status, 401)
  })

  test('the API logs out too', async ({ client }) => {
    const account = await createAccount()
    const response = await client.post('/api/v1/auth/logout').withCsrfToken().loginAs(account)
    response.assertStatus(204)
    response.assertSessionMissing('auth_web')
  })
})
