import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { capability } from '#plugin_host/capabilities'
import { createAccount } from '#tests/helpers/accounts'
import { inTenant, tradeWithOpenedBids } from '#tests/helpers/bids'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { decidedDraw, expertWithAccount } from '#tests/helpers/expert_pool'
import { ensurePluginEnabled } from '#tests/helpers/plugins'

/** The expert's evaluation pages of the expert-pool plugin, at the city (500000) */
const CODE = '500000'
const API = `/t/${CODE}/expert-pool/api`

test.group('Expert evaluation pages', (group) => {
  group.setup(() => ensurePluginEnabled(CODE, 'expert-pool'))

  test('an expert finds the evaluation, declares, scores, signs last and reads the report', async ({
    visit,
    browserContext,
    client,
    assert,
  }) => {
    const browser = watchProblems(browserContext, {
      expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    })
    const { tradeId, bids } = await tradeWithOpenedBids(CODE, ['1280000'])
    const committee = await capability('evaluation-committee')
    await inTenant(CODE, () =>
      committee!.openEvaluation(
        {
          tradeId,
          method: 'lowest_evaluated_price',
          compositionRule: 'gp_inquiry',
          candidateCount: 1,
        },
        { accountId: null, label: '采购人' }
      )
    )
    const evaluation = await inTenant(CODE, () =>
      db.from('expert_evaluations').where('trade_id', tradeId).firstOrFail()
    )
    const me = await expertWithAccount('李评审')
    const colleague = await expertWithAccount('王评审')
    const representative = await createAccount([], '采购人代表')
    await decidedDraw(CODE, tradeId, [me.id, colleague.id])
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
    const formed = await client
      .post(`${API}/committees/${evaluation.id}`)
      .json({ representatives: [representative.id] })
      .accept('json')
      .withCsrfToken()
      .loginAs(drawer)
    formed.assertStatus(201)
    const mySeat = formed.body().data.members.find((m: { name: string }) => m.name === '李评审').id

    // The two other members do their part, elect the expert in the browser, then sign
    const others = [colleague.account, representative]
    const send = (account: (typeof others)[number], path: string, body: object) =>
      client
        .post(`${API}/evaluations/${evaluation.id}${path}`)
        .json(body)
        .accept('json')
        .withCsrfToken()
        .loginAs(account)
    for (const account of others) {
      const declared = await send(account, '/declaration', { noConflict: true })
      declared.assertStatus(200)
      const scored = await client
        .put(`${API}/evaluations/${evaluation.id}/verdicts/${bids[0].bidId}`)
        .json({ evaluatedPrice: 1280000 })
        .accept('json')
        .withCsrfToken()
        .loginAs(account)
      scored.assertStatus(200)
      const voted = await send(account, '/chair-vote', { memberId: mySeat })
      voted.assertStatus(200)
    }
    for (const account of others) {
      const signed = await send(account, '/signature', {})
      signed.assertStatus(200)
    }

    const page = await logInAt(
      browser,
      visit,
      `/t/${CODE}/expert-pool/evaluations`,
      me.account.email!
    )
    await page.assertTextContains('table', '待确认声明')
    await page.locator(`a[href$="/expert-pool/evaluations/${evaluation.id}"]`).click()
    await page.waitForURL(`**/expert-pool/evaluations/${evaluation.id}`)
    await browser.settled(page)
    await page.assertNotExists(page.getByText('评分表'))

    await page.getByRole('button', { name: '确认声明并进入评审' }).click()
    await page.assertTextContains('[role="alert"]', '请确认无利害关系声明')
    await page.getByLabel('本人已阅读并确认上述声明').check()
    await page.getByRole('button', { name: '确认声明并进入评审' }).click()
    await page.getByRole('heading', { name: '评分表' }).waitFor()
    await browser.settled(page)

    await page.getByLabel('评审价格（元）').fill('1270000.5')
    await page.getByRole('button', { name: '保存' }).click()
    await page.assertTextContains(`[data-testid="verdict-saved-${bids[0].bidId}"]`, '已保存')
    await page.getByRole('button', { name: '签署评标报告' }).click()
    await page.assertTextContains('[data-testid="report"]', '评标报告')
    // The committee's evaluated price: the mean of 1280000, 1280000 and 1270000.50
    await page.assertTextContains('[data-testid="report"]', '投标人1280000有限公司: 1276666.83')
    await browser.settled(page)
    browser.assertClean()

    const outcome = await inTenant(CODE, () => committee!.outcome(tradeId))
    assert.equal(outcome?.candidates[0].evaluatedPrice, '1276666.83')
  })
})
