import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { inTenant } from '#tests/helpers/bids'
import { createAccount } from '#tests/helpers/accounts'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { tradeWithParties } from '#tests/helpers/expert_draws'
import { expertWithAccount } from '#tests/helpers/expert_pool'
import { ensurePluginEnabled } from '#tests/helpers/plugins'

/** The draw, supervision and import pages of the expert-pool plugin, at the city */
const CODE = '500000'
const API = `/t/${CODE}/expert-pool/api`

test.group('Expert draw pages', (group) => {
  group.setup(() => ensurePluginEnabled(CODE, 'expert-pool'))

  test('a drawer asks for a draw, is told what is wrong, then sees only its status', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext, {
      expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    })
    const expert = await expertWithAccount('赵密封')
    const { tradeId } = await tradeWithParties(CODE)
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
    const page = await logInAt(browser, visit, `/t/${CODE}/expert-pool/draws`, drawer.email!)

    await page.getByLabel('交易编号').fill(String(tradeId))
    await page.getByLabel('专业代码').fill('A010101')
    await page.getByLabel('人数', { exact: true }).fill('1')
    await page.getByLabel('每个专业候补人数').fill('0')
    await page.getByLabel('评标日期').fill('2020-01-01')
    await page.getByRole('button', { name: '提交并抽取' }).click()
    await page.assertTextContains('form.card', '评标日期不能早于今天')

    await page.getByLabel('评标日期').fill('2031-06-02')
    await page.getByRole('button', { name: '提交并抽取' }).click()
    await page.assertTextContains('[role="status"]', '抽取完成，等待专家确认')
    await page.assertTextContains('table', '已抽取待确认')
    await page.assertTextContains('table', 'A010101：需 1 人')
    await page.assertNotExists(page.getByText(expert.account.displayName))
    await browser.settled(page)
  })

  test('supervision watches the sealed list live', async ({ visit, browserContext, client }) => {
    const browser = watchProblems(browserContext)
    await expertWithAccount('钱候选')
    const { tradeId } = await tradeWithParties(CODE)
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
    const committed = await client
      .post(`${API}/draws`)
      .json({
        tradeId,
        lines: [{ code: 'A010101', count: 1 }],
        reservePerLine: 0,
        regionCodes: [],
        supervisingUsccs: [],
        evaluationDate: '2031-06-02',
        fallbackToParent: false,
        maxDrawsPerTenderer: 3,
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    committed.assertStatus(201)
    const id = committed.body().data.id
    const supervisor = await createAccount([{ code: CODE, role: 'supervisor' }])
    const page = await logInAt(
      browser,
      visit,
      `/t/${CODE}/expert-pool/supervision`,
      supervisor.email!
    )
    await page.assertTextContains('main', `抽取 #${id}（交易 ${tradeId}）`)
    await page.assertTextContains('main', '已承诺待抽取')

    const drawn = await client
      .post(`${API}/draws/${id}/draw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    drawn.assertStatus(200)
    // The page polls: the drawn seat appears without a reload
    await page.getByText('待答复').first().waitFor({ timeout: 15_000 })
    await browser.settled(page)
  })

  test('a drawn expert is told a decline needs a reason, then confirms', async ({
    visit,
    browserContext,
    client,
  }) => {
    const browser = watchProblems(browserContext, {
      expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    })
    await expertWithAccount('孙受邀')
    const { tradeId } = await tradeWithParties(CODE)
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
    const committed = await client
      .post(`${API}/draws`)
      .json({
        tradeId,
        lines: [{ code: 'A010101', count: 1 }],
        reservePerLine: 0,
        regionCodes: [],
        supervisingUsccs: [],
        evaluationDate: '2031-06-02',
        fallbackToParent: false,
        maxDrawsPerTenderer: 3,
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    const id = committed.body().data.id
    const drawn = await client
      .post(`${API}/draws/${id}/draw`)
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    drawn.assertStatus(200)
    // Whoever was drawn answers through an account of their own
    const seat = await inTenant(CODE, () =>
      db.from('expert_draw_seats').where({ draw_id: id, status: 'invited' }).firstOrFail()
    )
    const owner = db.connection('owner')
    const expert = await owner.from('experts').where('id', seat.expert_id).firstOrFail()
    let accountId = expert.account_id
    if (accountId === null) {
      const created = await createAccount([], '受邀专家')
      accountId = created.id
      await owner.from('experts').where('id', seat.expert_id).update({ account_id: accountId })
    }
    const account = await owner.from('accounts').where('id', accountId).firstOrFail()
    const page = await logInAt(browser, visit, `/t/${CODE}/expert-pool/invitations`, account.email)
    const row = page.locator('tr', { hasText: String(tradeId) })
    await row.getByRole('button', { name: '谢绝' }).click()
    await row.locator('[role="alert"]').waitFor()
    await row.getByRole('button', { name: '确认参加' }).click()
    await page.assertTextContains(`tr:has-text("${tradeId}")`, '已确认')
    await browser.settled(page)
  })

  test('a maintainer imports a CSV file and reads the report line by line', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const admin = await createAccount([{ code: CODE, role: 'expert_admin' }])
    const page = await logInAt(browser, visit, `/t/${CODE}/expert-pool`, admin.email!)
    const digits = String(Math.floor(Math.random() * 90) + 10)
    await page.getByLabel('导入内容').selectOption('specialties')
    await page.getByLabel('CSV文件').setInputFiles({
      name: 'codes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`code,nameZh,nameEn\nB${digits},浏览器导入,Browser import\nb-1,坏,Bad\n`),
    })
    await page.getByRole('button', { name: '导入' }).click()
    await page.assertTextContains('[role="status"]', '共2行，导入1行，1行有问题')
    await page.assertTextContains('form table', '分类代码格式不正确')
    await browser.settled(page)
  })
})
