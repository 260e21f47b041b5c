import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { TEST_PASSWORD } from '#tests/helpers/accounts'
import { auditActions, countRows, randomEmail, randomMobile } from '#tests/helpers/identity'

/**
 * Sign-up (page and JSON API, one controller): email or mobile, a name and
 * a password that is long enough and not common. Refusals save nothing.
 */
function signupBody(overrides: Record<string, unknown> = {}) {
  return {
    email: randomEmail(),
    displayName: '张三',
    password: TEST_PASSWORD,
    password_confirmation: TEST_PASSWORD,
    ...overrides,
  }
}

function accountByEmail(email: string) {
  return db.connection('owner').from('accounts').where('email', email).first()
}

test.group('sign-up', () => {
  test('by email through the API: created, hashed with scrypt, logged in, audited', async ({
    client,
    assert,
  }) => {
    const body = signupBody({ email: `  ${randomEmail().toUpperCase()} ` })
    const response = await client.post('/api/v1/auth/signup').json(body).withCsrfToken()
    response.assertStatus(201)
    const email = (body.email as string).trim().toLowerCase()
    response.assertBodyContains({ data: { email, mobile: null, displayName: '张三' } })
    assert.notProperty(response.body().data, 'password')

    const row = await accountByEmail(email)
    assert.match(row.password, /^\$scrypt\$/)
    assert.notInclude(row.password, TEST_PASSWORD)
    assert.equal(response.session('auth_web'), row.id)
    assert.deepEqual(await auditActions('account', row.id), [
      { action: 'account.signup', actor_account_id: row.id },
    ])
  })

  test('by mobile through the page: redirected to my account, logged in', async ({
    client,
    assert,
  }) => {
    const mobile = randomMobile()
    const response = await client
      .post('/signup')
      .json(signupBody({ email: '', mobile }))
      .withInertia()
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account')
    const row = await db.connection('owner').from('accounts').where('mobile', mobile).first()
    assert.isNull(row.email)
    assert.equal(response.session('auth_web'), row.id)
  })

  test('a registered email or mobile is refused on its field, nothing saved', async ({
    client,
    assert,
  }) => {
    const email = randomEmail()
    const mobile = randomMobile()
    await client.post('/api/v1/auth/signup').json(signupBody({ email, mobile })).withCsrfToken()
    const before = await countRows('accounts')

    const sameEmail = await client
      .post('/api/v1/auth/signup')
      .json(signupBody({ email: email.toUpperCase() }))
      .withCsrfToken()
    sameEmail.assertStatus(422)
    sameEmail.assertBodyContains({
      errors: [{ field: 'email', message: '该电子邮箱已注册，请直接登录' }],
    })

    const sameMobile = await client
      .post('/api/v1/auth/signup')
      .json(signupBody({ mobile }))
      .header('accept-language', 'en')
      .withCsrfToken()
    sameMobile.assertStatus(422)
    sameMobile.assertBodyContains({
      errors: [
        { field: 'mobile', message: 'This mobile number is already registered; please log in' },
      ],
    })
    assert.equal(await countRows('accounts'), before)
  })

  test('short, long, common and unconfirmed passwords are refused', async ({ client, assert }) => {
    const before = await countRows('accounts')
    const cases: Array<[string, string | undefined, string, string]> = [
      ['Abc-123', undefined, 'password', '密码至少需要 8 个字符'],
      ['x'.repeat(65), undefined, 'password', '密码不能超过 64 个字符'],
      ['12345678', undefined, 'password', '该密码过于常见，容易被猜中，请换一个'],
      ['PassWord123', undefined, 'password', '该密码过于常见，容易被猜中，请换一个'],
      ['WoAiNi1314', undefined, 'password', '该密码过于常见，容易被猜中，请换一个'],
      [TEST_PASSWORD, 'Correct-Horse-43', 'password_confirmation', '两次输入的密码不一致'],
    ]
    for (const [password, confirmation, field, message] of cases) {
      const response = await client
        .post('/api/v1/auth/signup')
        .json(signupBody({ password, password_confirmation: confirmation ?? password }))
        .withCsrfToken()
      response.assertStatus(422)
      assert.deepInclude(
        response.body().errors.map((e: any) => ({ field: e.field, message: e.message })),
        { field, message },
        password
      )
    }
    assert.equal(await countRows('accounts'), before)
  })

  test('empty, oversized and malformed input: 422 with field messages, nothing saved', async ({
    client,
    assert,
  }) => {
    const before = await countRows('accounts')
    const empty = await client.post('/api/v1/auth/signup').json({}).withCsrfToken()
    empty.assertStatus(422)
    assert.sameDeepMembers(
      empty.body().errors.map((e: any) => ({ field: e.field, message: e.message })),
      [
        { field: 'email', message: '请填写电子邮箱或手机号码' },
        { field: 'mobile', message: '请填写手机号码或电子邮箱' },
        { field: 'displayName', message: '请填写姓名' },
        { field: 'password', message: '请填写密码' },
      ]
    )

    const emptyEn = await client
      .post('/api/v1/auth/signup')
      .json({ email: '', mobile: ' ', displayName: '', password: '' })
      .header('accept-language', 'en')
      .withCsrfToken()
    emptyEn.assertStatus(422)
    assert.deepInclude(emptyEn.body().errors, {
      field: 'email',
      message: 'Enter Email or Mobile number',
      rule: 'requiredIfMissing',
    })

    const oversized = await client
      .post('/api/v1/auth/signup')
      .json(
        signupBody({
          email: `${'a'.repeat(10_000)}@test.ggzy.cn`,
          mobile: '1'.repeat(10_000),
          displayName: '名'.repeat(10_000),
        })
      )
      .withCsrfToken()
    oversized.assertStatus(422)
    assert.includeMembers(
      oversized.body().errors.map((e: any) => e.field),
      ['email', 'mobile', 'displayName']
    )
    assert.deepInclude(
      oversized.body().errors.map((e: any) => e.message),
      '姓名不能超过 50 个字符'
    )

    const malformed = await client
      .post('/api/v1/auth/signup')
      .json({
        email: 'not-an-email',
        mobile: '12345678901',
        displayName: ['x'],
        password: { a: 1 },
        password_confirmation: 5,
      })
      .withCsrfToken()
    malformed.assertStatus(422)
    assert.sameDeepMembers(
      malformed.body().errors.map((e: any) => ({ field: e.field, message: e.message })),
      [
        { field: 'email', message: '请输入有效的电子邮箱地址' },
        { field: 'mobile', message: '手机号码格式不正确' },
        { field: 'displayName', message: '姓名必须是文本' },
        { field: 'password', message: '密码必须是文本' },
      ]
    )
    assert.equal(await countRows('accounts'), before)
  })

  test('the page form gets its errors back in Chinese, nothing saved', async ({
    client,
    assert,
  }) => {
    const before = await countRows('accounts')
    const response = await client
      .post('/signup')
      .header('referer', '/signup')
      .json({ email: 'x', displayName: '', password: '123' })
      .withInertia()
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/signup')
    const errors = response.flashMessage('inputErrorsBag')
    assert.deepEqual(errors.email, ['请输入有效的电子邮箱地址'])
    assert.deepEqual(errors.displayName, ['请填写姓名'])
    assert.deepEqual(errors.password, ['密码至少需要 8 个字符'])
    assert.equal(await countRows('accounts'), before)
  })

  test('the sign-up page renders for guests', async ({ client }) => {
    const response = await client.get('/signup').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('identity/signup')
  })
})
