import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { createAccount } from '#tests/helpers/accounts'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { rolesIn } from '#tests/helpers/access'

/** The staff page as a person uses it: keyboard-reachable fields, messages where they belong */
test.group('Staff and roles page', () => {
  test('a supervisor needs a department and categories; 管办分离 is refused on the role field', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: '500119', role: 'center_admin' }], '中心管理员')
    const operator = await createAccount(
      [{ code: '500119', role: 'center_operator' }],
      `经办人${randomUUID().slice(0, 4)}`
    )
    const page = await logInAt(browser, visit, '/t/500119/admin/staff', admin.email!)
    await page.assertExists(page.getByRole('link', { name: '人员与角色' }))

    const form = page.getByTestId('add-staff')
    await form.getByLabel('电子邮箱或手机号码').fill(operator.email!)
    await form.getByLabel('角色').selectOption('supervisor')
    await form.getByRole('button', { name: '添加', exact: true }).click()
    await page.assertTextContains('#categories-error', '请至少选择一个监管类别')
    await page.assertTextContains('#department-error', '请填写部门')
    await browser.settled(page)

    await form.getByLabel('部门').selectOption('zjw')
    await form.getByLabel('工程建设').check()
    await form.getByRole('button', { name: '添加', exact: true }).click()
    await page.assertTextContains(
      '#role-error',
      '管办分离：该账号在本平台已担任交易中心工作人员，不能同时担任行政监督人员'
    )
    assert.equal(await form.getByLabel('角色').getAttribute('aria-invalid'), 'true')
    await browser.settled(page)
    assert.deepEqual(await rolesIn(operator, '500119'), ['center_operator'])

    // Removing asks first, then the row goes
    page.once('dialog', (dialog) => dialog.accept())
    await page
      .getByRole('button', { name: `移除${operator.displayName}的交易中心工作人员角色` })
      .click()
    await page.assertNotExists(
      page.getByTestId('staff-table').locator('tr', { hasText: operator.displayName })
    )
    assert.deepEqual(await rolesIn(operator, '500119'), [])
    browser.assertClean()
  })

  test('a centre operator sees neither the link nor the controls', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const operator = await createAccount([{ code: '500119', role: 'center_operator' }])
    const page = await logInAt(browser, visit, '/t/500119', operator.email!)
    await page.assertNotExists(page.getByRole('link', { name: '人员与角色' }))
    browser.assertClean()
  })
})
