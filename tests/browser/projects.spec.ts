import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { ensureDistrict } from '#tests/helpers/projects'
import { createEntityOwner } from '#tests/helpers/accounts'

/** Project registration as a person does it, including a refusal on the wrong platform */
async function fillProject(page: Page, region: string) {
  await page.getByLabel('项目名称', { exact: true }).fill('荣昌示例道路改造工程')
  await page.getByLabel('项目类别', { exact: true }).selectOption('construction')
  await page.getByLabel('审批层级', { exact: true }).selectOption('district')
  await page.getByLabel('审批部门', { exact: true }).fill('区发展和改革委员会')
  await page.getByLabel('资金来源', { exact: true }).selectOption('district_finance')
  await page.getByLabel('项目金额（元）', { exact: true }).fill('880000.00')
  await page.getByLabel('项目所在地', { exact: true }).selectOption(region)
  await page.getByLabel('联系人', { exact: true }).fill('王五')
  await page.getByLabel('联系电话', { exact: true }).fill('023-12345678')
}

test.group('Project registration page', () => {
  test('a district project filed at another district is sent on, then registered', async ({
    visit,
    browserContext,
    assert,
  }) => {
    await ensureDistrict('500157', '测试甲区', 'Test District A')
    await ensureDistrict('500158', '测试乙区', 'Test District B')
    const browser = watchProblems(browserContext)
    const { account } = await createEntityOwner('重庆浏览器测试建设有限公司')
    const page = await logInAt(browser, visit, '/t/500158/projects/new', account.email!)
    await page.assertTextContains('h1', '登记项目')

    await fillProject(page, '500157')
    await page.getByRole('button', { name: '登记', exact: true }).click()
    await page.assertTextContains('#regionCode-error', '请到')
    await page.assertTextContains('#regionCode-error', '（500157）登记')
    assert.equal(await page.getByLabel('项目所在地').getAttribute('aria-invalid'), 'true')
    await browser.settled(page)

    await page.getByTestId('right-platform').click()
    await page.waitForURL('**/t/500157/projects/new')
    await browser.settled(page)
    await fillProject(page, '500157')
    await page.getByRole('button', { name: '登记', exact: true }).click()
    await page.waitForURL(/\/t\/500157\/projects\/[0-9]+$/)
    await browser.settled(page)
    const detail = page.getByTestId('project-detail')
    await page.assertTextContains('h1', '荣昌示例道路改造工程')
    assert.match(await detail.innerText(), /L5001570001[0-9]{6}/)
    assert.include(await detail.innerText(), '880000.00')

    await page.getByRole('link', { name: '返回项目列表' }).click()
    await page.waitForURL('**/t/500157/projects')
    await browser.settled(page)
    assert.include(await page.getByTestId('projects-table').innerText(), '荣昌示例道路改造工程')
    browser.assertClean()
  })
})
