import { randomInt, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createAccount } from '#tests/helpers/accounts'
import { logInAt, watchProblems } from '#tests/helpers/browser'

/** A Chongqing district code ('5002' and two digits) no tenant has yet */
async function unusedDistrictCode() {
  const rows = await db
    .connection('owner')
    .from('tenants')
    .where('code', 'like', '5002%')
    .select('code')
  const taken = new Set(rows.map((row) => row.code as string))
  const free = Array.from({ length: 99 }, (_, i) => `5002${String(i + 1).padStart(2, '0')}`).filter(
    (code) => !taken.has(code)
  )
  if (free.length === 0) throw new Error('No free 5002xx tenant code left in the test database')
  return free[randomInt(free.length)]
}

test.group('Administration', () => {
  test('a city admin creates a district platform, sees it listed and in the audit log', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }], '市管理员')
    const code = await unusedDistrictCode()
    const nameZh = `测试${code.slice(4)}区`
    const nameEn = `Test District ${code.slice(4)}`
    const page = await logInAt(browser, visit, '/t/500000/admin/tenants', admin.email!)
    await page.assertText('h1', '交易平台')

    await page.getByRole('link', { name: '新建区县平台' }).click()
    await page.waitForURL('**/t/500000/admin/tenants/new')
    await browser.settled(page)
    await page.getByLabel('行政区划代码').fill(code)
    await page.getByLabel('中文名称').fill(nameZh)
    await page.getByLabel('英文名称').fill(nameEn)
    await page.getByRole('button', { name: '创建', exact: true }).click()

    await page.waitForURL('**/t/500000/admin/tenants')
    const row = page.locator(`tr[data-tenant="${code}"]`)
    await page.assertTextContains(row, nameZh)
    await page.assertTextContains(row, nameEn)
    await page.assertTextContains(row.getByTestId('status'), '正常')
    await browser.settled(page)

    await row.getByRole('link', { name: `编辑 ${nameZh}` }).click()
    await page.waitForURL(`**/t/500000/admin/tenants/*/edit`)
    await page.assertInputValue('#nameEn', nameEn)
    await browser.settled(page)

    // The creation is in the city's audit log, with the names it was given
    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '审计日志' })
      .click()
    await page.waitForURL('**/t/500000/audit')
    const event = page.locator('tbody tr', { hasText: code }).first()
    await page.assertTextContains(event, 'tenant')
    await browser.settled(page)
    await event.getByRole('link', { name: /查看事件/ }).click()
    await page.waitForURL('**/t/500000/audit/*')
    await page.assertTextContains('pre', nameEn)
    await browser.settled(page)
    browser.assertClean()
  })

  test('a centre admin gives a registered person a centre role', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const centreAdmin = await createAccount(
      [{ code: '500101', role: 'center_admin' }],
      '中心管理员'
    )
    const newcomer = await createAccount([], `新同事${randomUUID().slice(0, 4)}`)
    const page = await logInAt(browser, visit, '/t/500101/admin/staff', centreAdmin.email!)
    await page.assertTextContains('h1', '万州区')

    const form = page.getByTestId('add-staff')
    await form.getByLabel('电子邮箱或手机号码').fill(newcomer.email!)
    await form.getByLabel('角色').selectOption('center_operator')
    await form.getByRole('button', { name: '添加', exact: true }).click()

    const row = page.getByTestId('staff-table').locator('tr', { hasText: newcomer.displayName })
    await page.assertTextContains(row, '交易中心工作人员')
    await browser.settled(page)
    browser.assertClean()
  })
})
