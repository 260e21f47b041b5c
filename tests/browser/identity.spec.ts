import { randomInt, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { orgCodeCheckCharacter, usccCheckCharacter } from '#identity/codes/uscc'
import { createAccount, TEST_PASSWORD } from '#tests/helpers/accounts'
import { hydrated, submitLogin, watchProblems } from '#tests/helpers/browser'

const STRONG_PASSWORD = 'Lantern-Quay-2026'
/** Characters both the organisation code body and the USCC allow */
const BODY_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** A valid 统一社会信用代码 nobody has registered: a random organisation code body */
function freshUscc() {
  let body = ''
  for (let i = 0; i < 8; i++) body += BODY_CHARSET[randomInt(BODY_CHARSET.length)]
  const first17 = `91500101${body}${orgCodeCheckCharacter(body)}`
  return first17 + usccCheckCharacter(first17)
}

/** The same code with a wrong check character */
function corrupted(code: string) {
  const last = code.at(-1) === '0' ? '1' : '0'
  return code.slice(0, 17) + last
}

test.group('Sign-up, log-in and entity registration', () => {
  test('sign up, register an entity with a live code check, see it on my account', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const email = `${randomUUID()}@test.ggzy.cn`
    const page = await visit('/signup')
    await browser.settled(page)

    await page.getByLabel('电子邮箱', { exact: true }).fill(email)
    await page.getByLabel('姓名').fill('林晓')
    await page.getByLabel('密码', { exact: true }).fill(STRONG_PASSWORD)
    await page.getByLabel('确认密码').fill(STRONG_PASSWORD)
    await page.getByRole('button', { name: '注册', exact: true }).click()

    await page.waitForURL('**/account')
    await page.assertText('[data-testid="account-name"]', '林晓')
    await browser.settled(page)

    await page.goto('/entities/new')
    await browser.settled(page)
    const code = freshUscc()
    const codeInput = page.getByRole('textbox', { name: '统一社会信用代码' })
    const liveCheck = page.locator('[aria-live="polite"][data-testid="code-check"]')
    await codeInput.fill(corrupted(code))
    await page.locator('#code-check.error').waitFor()
    await page.assertNotExists('#code-check.ok')
    await browser.settled(page)

    await codeInput.fill(code.toLowerCase())
    await page.locator('#code-check.ok').waitFor()
    await page.assertText(liveCheck, '代码格式正确')
    await page.getByLabel('名称').fill('重庆晓林建设有限公司')
    await page.getByLabel('主体类型').selectOption('legal_person')
    await page.getByRole('button', { name: '登记', exact: true }).click()

    await page.waitForURL('**/account')
    const row = page.locator('tr', { hasText: '重庆晓林建设有限公司' })
    await page.assertTextContains(row, code)
    await page.assertExists(row.getByTestId('current-entity'))
    await browser.settled(page)
    browser.assertClean()
  })

  test('log in at a district, come back there, and stay logged in at the city', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const account = await createAccount([], '周敏')
    const page = await visit('/t/500101')
    await browser.settled(page)
    await page.assertTextContains('[data-testid="current-tenant"]', '万州区')

    await page.getByRole('link', { name: '登录', exact: true }).click()
    await page.waitForURL('**/login?next=%2Ft%2F500101')
    await browser.settled(page)
    await submitLogin(page, account.email!, TEST_PASSWORD)

    await page.waitForURL('**/t/500101')
    await page.assertText('[data-testid="account-name"]', '周敏')
    await page.assertTextContains('[data-testid="current-tenant"]', '万州区')
    await browser.settled(page)

    await page.goto('/t/500000')
    await hydrated(page)
    await page.assertTextContains('[data-testid="current-tenant"]', '重庆市')
    await page.assertText('[data-testid="account-name"]', '周敏')
    browser.assertClean()
  })

  test('the login form works from the keyboard alone', async ({ visit, browserContext }) => {
    const browser = watchProblems(browserContext)
    const account = await createAccount([], '吴桐')
    const page = await visit('/login')
    await browser.settled(page)

    const focused = () => page.evaluate(() => (globalThis as any).document.activeElement?.id ?? '')
    let steps = 0
    while ((await focused()) !== 'uid') {
      if (++steps > 40) throw new Error('Tab never reached the account field')
      await page.keyboard.press('Tab')
    }
    await page.keyboard.type(account.email!)
    await page.keyboard.press('Tab')
    assertFocused(await focused(), 'password')
    await page.keyboard.type(TEST_PASSWORD)
    await page.keyboard.press('Tab')
    const submitFocused = await page.evaluate(() => {
      const active = (globalThis as any).document.activeElement
      return active?.tagName === 'BUTTON' && active.type === 'submit'
    })
    if (!submitFocused) throw new Error('Tab after the password did not reach the submit button')
    await page.keyboard.press('Enter')

    await page.waitForURL('**/account')
    await page.assertText('[data-testid="account-name"]', '吴桐')
    browser.assertClean()
  })
})

function assertFocused(actual: string, expected: string) {
  if (actual !== expected)
    throw new Error(`expected focus on #${expected}, found #${actual || 'nothing'}`)
}
