import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { capability } from '#plugin_host/capabilities'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant, tradeWithOpenedBids } from '#tests/helpers/bids'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { decidedDraw, expertWithAccount } from '#tests/helpers/expert_pool'
import { ensurePluginEnabled } from '#tests/helpers/plugins'
import type Account from '#identity/models/account'

/** The committee, menu and rating pages of the expert-pool plugin, at the city (500000) */
const CODE = '500000'
const PAGES = `/t/${CODE}/expert-pool`
const API = `${PAGES}/api`

/** A trade with one opened bid and its evaluation (small procurement: three members) */
async function openedEvaluation(opener: Account | null) {
  const { tradeId, bids } = await tradeWithOpenedBids(CODE, ['990000'])
  const committee = await capability('evaluation-committee')
  await inTenant(CODE, () =>
    committee!.openEvaluation(
      {
        tradeId,
        method: 'lowest_evaluated_price',
        compositionRule: 'gp_inquiry',
        candidateCount: 1,
      },
      { accountId: opener?.id ?? null, label: '采购人' }
    )
  )
  const evaluation = await inTenant(CODE, () =>
    db.from('expert_evaluations').where('trade_id', tradeId).firstOrFail()
  )
  const trade = await inTenant(CODE, () => db.from('trades').where('id', tradeId).firstOrFail())
  return { tradeId, bidId: bids[0].bidId, evaluationId: Number(evaluation.id), title: trade.title }
}

function post(client: ApiClient, account: Account, path: string, body: object) {
  return client.post(`${API}${path}`).json(body).accept('json').withCsrfToken().loginAs(account)
}

test.group('Expert committee pages', (group) => {
  group.setup(() => ensurePluginEnabled(CODE, 'expert-pool'))

  test('the drawer forms and mends the committee; the expert finds its pages in the menu', async ({
    visit,
    browserContext,
    client,
  }) => {
    const browser = watchProblems(browserContext, {
      expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    })
    const { tradeId, evaluationId, title } = await openedEvaluation(null)
    const me = await expertWithAccount('赵评审')
    const colleague = await expertWithAccount('钱评审')
    const reserve = await expertWithAccount('孙评审')
    const representative = await createAccount([], '采购人代表')
    await decidedDraw(CODE, tradeId, [me.id, colleague.id])
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])

    const page = await logInAt(browser, visit, `${PAGES}/committees`, drawer.email!)
    await page.assertExists(`a[href$="/expert-pool/committees"]`)
    await page.assertNotExists(`a[href$="/expert-pool/evaluations"]`)
    await page.locator(`a[href$="/expert-pool/committees/${evaluationId}"]`).click()
    await page.waitForURL(`**/expert-pool/committees/${evaluationId}`)
    await browser.settled(page)

    // Two experts alone are too few: the refusal shows on the form
    await page.getByRole('button', { name: '组建评标委员会' }).click()
    await page.assertTextContains('[role="alert"]', '评审小组成员人数应为3人以上单数')
    await page.getByLabel('招标人代表账号编号').fill(String(representative.id))
    await page.getByRole('button', { name: '组建评标委员会' }).click()
    await page.assertTextContains('table', '采购人代表')
    await page.assertTextContains('table', '钱评审')

    // A top-up draw brings a reserve; the colleague steps down for avoidance
    await decidedDraw(CODE, tradeId, [me.id, colleague.id, reserve.id])
    await page.reload()
    await browser.settled(page)
    await page
      .getByRole('row', { name: /钱评审/ })
      .getByRole('button', { name: '替换' })
      .click()
    await page.getByRole('button', { name: '确认替换' }).click()
    await page.assertTextContains('[role="alert"]', '请填写替换原因')
    await page.getByLabel('替换原因').selectOption('avoidance')
    await page.getByLabel('替换专家').selectOption({ label: '孙评审' })
    await page.getByRole('button', { name: '确认替换' }).click()
    await page.assertTextContains('table', '已替换（回避）')
    await page.assertTextContains('table', '孙评审')
    await browser.settled(page)

    // The pool links the expert's account: its own pages appear in its menu
    const admin = await createAccount([{ code: CODE, role: 'expert_admin' }])
    const linked = await client
      .put(`${API}/experts/${me.id}/account`)
      .json({ accountId: me.account.id })
      .accept('json')
      .withCsrfToken()
      .loginAs(admin)
    linked.assertStatus(200)
    await browserContext.clearCookies()
    const mine = await logInAt(browser, visit, `/t/${CODE}`, me.account.email!)
    await mine.assertExists(`a[href$="/expert-pool/invitations"]`)
    await mine.locator(`a[href$="/expert-pool/evaluations"]`).click()
    await mine.waitForURL(`**/expert-pool/evaluations`)
    await mine.assertTextContains('table', title)
    await mine.assertNotExists(`a[href$="/expert-pool/committees"]`)
    await browser.settled(mine)
    browser.assertClean()
  })

  test('the supervisor reads the finished committee and rates its experts', async ({
    visit,
    browserContext,
    client,
    assert,
  }) => {
    const browser = watchProblems(browserContext, {
      expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    })
    const tenderer = await createAccount([], '采购人经办')
    const { tradeId, bidId, evaluationId } = await openedEvaluation(tenderer)
    const first = await expertWithAccount('周评审')
    const second = await expertWithAccount('吴评审')
    const representative = await createAccount([], '采购人代表')
    await decidedDraw(CODE, tradeId, [first.id, second.id])
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
    const formed = await post(client, drawer, `/committees/${evaluationId}`, {
      representatives: [representative.id],
    })
    formed.assertStatus(201)
    const chair = formed.body().data.members.find((m: { name: string }) => m.name === '周评审').id
    const members = [first.account, second.account, representative]
    const work = `/evaluations/${evaluationId}`
    for (const account of members) {
      const declared = await post(client, account, `${work}/declaration`, { noConflict: true })
      declared.assertStatus(200)
      const scored = await client
        .put(`${API}${work}/verdicts/${bidId}`)
        .json({ evaluatedPrice: 990000 })
        .accept('json')
        .withCsrfToken()
        .loginAs(account)
      scored.assertStatus(200)
      const voted = await post(client, account, `${work}/chair-vote`, { memberId: chair })
      voted.assertStatus(200)
    }
    for (const account of members) {
      const signed = await post(client, account, `${work}/signature`, {})
      signed.assertStatus(200)
    }

    const supervisor = await createAccount([
      { code: CODE, role: 'supervisor', categories: ['construction'] },
    ])
    const page = await logInAt(
      browser,
      visit,
      `${PAGES}/committees/${evaluationId}`,
      supervisor.email!
    )
    await page.assertTextContains('table', '周评审')
    await page.assertNotExists(page.getByRole('button', { name: '替换' }))
    await page.locator(`a[href$="/expert-pool/evaluations/${evaluationId}/ratings"]`).click()
    await page.waitForURL(`**/evaluations/${evaluationId}/ratings`)
    await browser.settled(page)

    const row = page.getByRole('row', { name: /周评审/ })
    await row.getByRole('button', { name: '提交评价' }).click()
    await page.assertTextContains('[role="alert"]', '请填写评分')
    await row.getByLabel('评分（1–5）').fill('6')
    await row.getByRole('button', { name: '提交评价' }).click()
    await page.assertTextContains('[role="alert"]', '评分不能大于5')
    await row.getByLabel('评分（1–5）').fill('4')
    await row.getByLabel('评价意见').fill('评审认真，意见明确')
    await row.getByRole('button', { name: '提交评价' }).click()
    await page.assertTextContains('table', '已评 4 分')
    await browser.settled(page)
    browser.assertClean()

    const stored = await db
      .connection('owner')
      .from('expert_ratings')
      .where({ evaluation_id: evaluationId, expert_id: first.id })
      .firstOrFail()
    assert.equal(stored.score, 4)
    assert.equal(stored.rater_kind, 'supervisor')
    assert.equal(stored.comment, '评审认真，意见明确')
  })
})
