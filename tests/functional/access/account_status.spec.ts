import { test } from '@japa/runner'
import env from '#start/env'
import { TEST_PASSWORD, createAccount } from '#tests/helpers/accounts'
import { accountStatus, auditTrail } from '#tests/helpers/access'
import type Account from '#identity/models/account'

/**
 * Disabling and enabling accounts: who may, and what disabling does to the
 * account's open sessions (ASVS 7.4.2: they end on the next request).
 */
const statusApi = (code: string, account: Account, action: 'disable' | 'enable') =>
  `/api/v1/t/${code}/accounts/${account.id}/${action}`

test.group('account status', () => {
  test('a centre admin disables and enables staff of its tenant alone, audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500116', role: 'center_admin' }])
    const operator = await createAccount([
      { code: '500116', role: 'center_operator' },
      { code: '500116', role: 'auditor' },
    ])
    const disabled = await client
      .post(statusApi('500116', operator, 'disable'))
      .withCsrfToken()
      .loginAs(admin)
    disabled.assertStatus(200)
    disabled.assertBodyContains({ data: { id: operator.id, status: 'disabled' } })
    const stored = await accountStatus(operator)
    assert.equal(stored.status, 'disabled')
    assert.isNotNull(stored.disabled_at)

    // Repeating changes nothing and records nothing
    await client
      .post(statusApi('500116', operator, 'disable'))
      .withCsrfToken()
      .loginAs(admin)

    const list = await client.get('/api/v1/t/500116/staff').loginAs(admin)
    const rows = list.body().data.filter((r: any) => r.account.id === operator.id)
    assert.deepEqual(
      rows.map((r: any) => r.account.status),
      ['disabled', 'disabled']
    )

    const enabled = await client
      .post(statusApi('500116', operator, 'enable'))
      .withCsrfToken()
      .loginAs(admin)
    enabled.assertStatus(200)
    enabled.assertBodyContains({ data: { status: 'active', disabledAt: null } })
    assert.deepEqual(await accountStatus(operator), { status: 'active', disabled_at: null })
    assert.deepEqual(await auditTrail('500116', 'account', operator.id), [
      { action: 'account.disable', actor_account_id: admin.id },
      { action: 'account.enable', actor_account_id: admin.id },
    ])
  })

  test('a centre admin may not disable staff of other tenants, a city admin, itself or a stranger', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500116', role: 'center_admin' }])
    const targets = [
      await createAccount([
        { code: '500116', role: 'center_operator' },
        { code: '500117', role: 'center_operator' },
      ]),
      await createAccount([{ code: '500117', role: 'center_admin' }]),
      await createAccount([{ code: '500000', role: 'city_admin' }]),
      await createAccount(),
      admin,
    ]
    for (const target of targets) {
      const response = await client
        .post(statusApi('500116', target, 'disable'))
        .withCsrfToken()
        .loginAs(admin)
      response.assertStatus(403)
      const stored = await accountStatus(target)
      assert.equal(stored.status, 'active')
    }
    // Nor through the other tenant's route, where it holds no role
    const there = await client
      .post(statusApi('500117', targets[1], 'disable'))
      .withCsrfToken()
      .loginAs(admin)
    there.assertStatus(403)
    // A centre operator disables nobody
    const operator = await createAccount([{ code: '500116', role: 'center_operator' }])
    const colleague = await createAccount([{ code: '500116', role: 'center_operator' }])
    const byOperator = await client
      .post(statusApi('500116', colleague, 'disable'))
      .withCsrfToken()
      .loginAs(operator)
    byOperator.assertStatus(403)
  })

  test('the city admin disables any account, from any tenant page', async ({ client }) => {
    const cityAdmin = await createAccount([{ code: '500000', role: 'city_admin' }])
    const target = await createAccount([
      { code: '500116', role: 'center_admin' },
      { code: '500117', role: 'auditor' },
    ])
    const response = await client
      .post(statusApi('500117', target, 'disable'))
      .withCsrfToken()
      .loginAs(cityAdmin)
    response.assertStatus(200)
    response.assertBodyContains({ data: { status: 'disabled' } })
  })

  test('disabling an account ends its session on the next request', async ({ client, assert }) => {
    const admin = await createAccount([{ code: '500118', role: 'center_admin' }])
    const person = await createAccount([{ code: '500118', role: 'center_operator' }])

    // A real login over HTTP: the session lives on the server, the browser keeps its cookie
    const browser = new CookieBrowser()
    await browser.request('GET', '/login')
    const login = await browser.request('POST', '/api/v1/auth/login', {
      uid: person.email,
      password: TEST_PASSWORD,
    })
    assert.equal(login.status, 200)
    await expectStatus(browser.request('GET', '/api/v1/me'), 200)
    await expectStatus(browser.request('GET', '/api/v1/t/500118/staff'), 403)

    const disabled = await client
      .post(statusApi('500118', person, 'disable'))
      .withCsrfToken()
      .loginAs(admin)
    disabled.assertStatus(200)

    await expectStatus(browser.request('GET', '/api/v1/me'), 401)
    const page = await browser.request('GET', '/t/500118/admin/staff', undefined, 'text/html')
    assert.equal(page.status, 302)
    assert.match(page.headers.get('location') ?? '', /^\/login\?next=/)

    // The session is over, not merely refused: enabling does not revive it
    await client
      .post(statusApi('500118', person, 'enable'))
      .withCsrfToken()
      .loginAs(admin)
    await expectStatus(browser.request('GET', '/api/v1/me'), 401)

    // A disabled account cannot log in again
    await client
      .post(statusApi('500118', person, 'disable'))
      .withCsrfToken()
      .loginAs(admin)
    const again = await browser.request('POST', '/api/v1/auth/login', {
      uid: person.email,
      password: TEST_PASSWORD,
    })
    assert.equal(again.status, 422)
  })
})

async function expectStatus(pending: Promise<Response>, status: number) {
  const response = await pending
  if (response.status !== status) {
    throw new Error(`${response.url}: expected ${status}, got ${response.status}`)
  }
}

/**
 * A minimal cookie-keeping client against the test server. Japa's session
 * plugin replaces the session cookie on every request and destroys the
 * response's session afterwards, so it cannot keep a real login alive.
 */
class CookieBrowser {
  private readonly cookies = new Map<string, string>()
  private readonly base = `http://${env.get('HOST')}:${env.get('PORT')}`

  async request(method: string, path: string, body?: unknown, accept = 'application/json') {
    const headers: Record<string, string> = {
      accept,
      cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    }
    const xsrf = this.cookies.get('XSRF-TOKEN')
    if (xsrf) headers['x-xsrf-token'] = decodeURIComponent(xsrf)
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      if (value === '' || /max-age=0\b|expires=thu, 01 jan 1970/i.test(line))
        this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return response
  }
}
