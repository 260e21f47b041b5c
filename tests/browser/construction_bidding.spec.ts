import { test } from '@japa/runner'
import type { Page } from 'playwright'
import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { clock } from '#core/clock'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { bidderAccount, inTenant, sealPrice } from '#tests/helpers/bids'
import { createAccount, createEntityOwner } from '#tests/helpers/accounts'
import { tenantScope } from '#tests/helpers/access'
import { allowForDistricts, enablePlugin } from '#tests/helpers/plugins'
import { ownSpecialty } from '#tests/helpers/expert_specialties'
import { randomIdCard, randomMobile, randomUscc } from '#tests/helpers/identity'
import { withTenant } from '#tenancy/tenant_context'
import type Account from '#identity/models/account'
import type { ApiClient } from '@japa/api-client'
import { newKeyFile, unwrapBidKey } from '#trading/sealed_bids/bid_crypto'
import { CloseOpening, DecryptBid, SubmitBid } from '#trading/sealed_bids/bids'

/**
 * A public construction tender in 万州区 (500101) as its people do it in the
 * browser: the tenderer registers the project and the tender, publishes the
 * notice and issues the documents (a too-short period refused first); three
 * bidders bid, one on the core bidding page; time moves to the deadline; the
 * centre opens the bids and starts the committee's evaluation; the export
 * drawn experts score (the chair on the expert pool's evaluation page) and
 * sign; the candidates are publicised, a bidder objects and is answered,
 * time runs out the publicity, the first-ranked wins, the contract and a
 * performance record follow; the export page shows it all.
 */
const CODE = '500101'
const DAY_MS = 86_400_000
const BASE = `/t/${CODE}/construction-bidding`

/** A Beijing-time value for a datetime-local input, `days` after `from` */
function beijing(from: Date, days: number) {
  const at = new Date(from.getTime() + days * DAY_MS + 8 * 3600_000)
  return at.toISOString().slice(0, 16)
}

async function act(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click()
  await page.waitForSelector('p[role="status"]')
}

/** The expert pool's and the tenders' own API, as their pages call it */
function poolCall(client: ApiClient, account: Account, path: string, body = {}, method = 'post') {
  const request = method === 'put' ? client.put(path) : client.post(path)
  return request.json(body).accept('json').withCsrfToken().loginAs(account)
}

async function succeeded(request: PromiseLike<{ status(): number; body(): any }>) {
  const response = await request
  if (response.status() >= 300) {
    throw new Error(`${response.status()}: ${JSON.stringify(response.body())}`)
  }
  return response.body()
}

/** Five experts of a specialty of their own, each linked to an account */
async function poolOfFive(client: ApiClient) {
  const admin = await createAccount([{ code: '500000', role: 'expert_admin' }])
  const specialty = await ownSpecialty()
  const experts: Account[] = []
  for (let i = 1; i <= 5; i++) {
    const account = await createAccount([], `浏览器评标专家${i}`)
    const created = await succeeded(
      poolCall(client, admin, '/t/500000/expert-pool/api/experts', {
        name: `浏览器评标专家${i}`,
        idNumber: randomIdCard(),
        mobile: randomMobile(),
        employerUscc: randomUscc(),
        title: '高级工程师',
        titleLevel: 'deputy_senior',
        yearsInField: 15,
        specialtyCodes: [specialty],
        regionCodes: [CODE],
        busyDates: [],
        relativeEmployerUsccs: [],
        shareholdingUsccs: [],
      })
    )
    await succeeded(
      poolCall(
        client,
        admin,
        `/t/500000/expert-pool/api/experts/${created.data.id}/account`,
        { accountId: account.id },
        'put'
      )
    )
    experts.push(account)
  }
  return { specialty, experts }
}

async function enableBoth() {
  const city = await withTenant(await tenantScope('500000'), () =>
    db.from('tenant_plugins').where({ plugin_id: 'expert-pool', enabled: true }).first()
  )
  if (!city) await enablePlugin('500000', 'expert-pool')
  for (const pluginId of ['expert-pool', 'construction-bidding']) {
    const enabled = await withTenant(await tenantScope(CODE), () =>
      db.from('tenant_plugins').where({ plugin_id: pluginId, enabled: true }).first()
    )
    if (enabled) continue
    await allowForDistricts(pluginId)
    await enablePlugin(CODE, pluginId)
  }
}

test.group('Construction tender in the browser', (group) => {
  group.setup(() => enableBoth())
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('a public tender from project registration to the performance record', async ({
    visit,
    browserContext,
    client,
    assert,
  }) => {
    const browser = watchProblems(browserContext, { expectedConsoleErrors: [/status of 422/] })
    const { account: owner } = await createEntityOwner('万州浏览器示例城投有限公司')

    // The tenderer registers the project on the core page
    let page = await logInAt(browser, visit, `/t/${CODE}/projects/new`, owner.email!)
    await page.getByLabel('项目名称', { exact: true }).fill('万州区沙龙路拓宽改造工程')
    await page.getByLabel('项目类别', { exact: true }).selectOption('construction')
    await page.getByLabel('审批层级', { exact: true }).selectOption('district')
    await page.getByLabel('审批部门', { exact: true }).fill('万州区发展和改革委员会')
    await page.getByLabel('资金来源', { exact: true }).selectOption('district_finance')
    await page.getByLabel('项目金额（元）', { exact: true }).fill('30000000.00')
    await page.getByLabel('项目所在地', { exact: true }).selectOption(CODE)
    await page.getByLabel('联系人', { exact: true }).fill('王工')
    await page.getByLabel('联系电话', { exact: true }).fill('023-58000000')
    await page.getByRole('button', { name: '登记', exact: true }).click()
    await page.waitForURL(/\/t\/500101\/projects\/[0-9]+$/)

    // …then the tender on the plugin's page
    await page.goto(BASE)
    await browser.settled(page)
    await page.getByLabel('招标项目名称').fill('万州区沙龙路拓宽改造工程施工')
    await page.getByLabel('招标内容').fill('道路拓宽、排水及交通设施')
    await page.getByLabel('估算价（元）').fill('25000000.00')
    await page.getByLabel('投标保证金（元，不超过估算价的2%）').fill('600000.00')
    await page.getByRole('button', { name: '登记', exact: true }).click()
    await page.assertTextContains('p.error', '不得超过招标项目估算价的2%')
    await page.getByLabel('投标保证金（元，不超过估算价的2%）').fill('500000.00')
    await page.getByRole('button', { name: '登记', exact: true }).click()
    await page.waitForURL(/\/construction-bidding\/tenders\/[0-9]+$/)
    await browser.settled(page)
    const tradeId = Number(page.url().split('/').pop())
    await page.assertTextContains('.todo', '发布招标公告')

    await act(page, '发布招标公告')
    await page.assertTextContains('h1 + p', '公告已发布')
    const now = await inTenant(CODE, () => clock.now())
    const issue = page.locator('#cb-issue')
    await issue.locator('input[name="saleEndsAt"]').fill(beijing(now, 5))
    await issue.locator('input[name="bidDeadline"]').fill(beijing(now, 15))
    await issue.getByRole('button').click()
    await page.assertTextContains('p[role="alert"]', '《招标投标法》第二十四条')
    await issue.locator('input[name="bidDeadline"]').fill(beijing(now, 21))
    await act(page, '发出招标文件')
    await page.assertTextContains('h1 + p', '招标文件已发出')
    await browser.settled(page)

    // Three bidders: one seals its bid on the core bidding page, two through the same core action;
    // the centre records each one's bid deposit first, as the tender demands one
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const depositRecorded = async (entityId: number) => {
      const entity = await db
        .connection('owner')
        .from('market_entities')
        .where('id', entityId)
        .first()
      await succeeded(
        poolCall(client, operator, `${BASE}/api/tenders/${tradeId}/deposits`, {
          entityCode: entity.code,
          fromBasicAccount: true,
        })
      )
    }
    const first = await bidderAccount('万州浏览器投标一有限公司')
    await depositRecorded(first.entityId)
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, first.account.email!)
    await page.assertTextContains('.todo', '递交投标文件')
    await page.getByRole('link', { name: '投标（加密递交）' }).click()
    await page.waitForURL(`**/t/${CODE}/trades/${tradeId}/bid`)
    await browser.settled(page)
    const form = page.getByTestId('bid-form')
    await form.getByLabel('投标报价（元）').fill('23800000')
    await form.getByLabel('投标文件').setInputFiles({
      name: '投标文件.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('技术标与商务标'),
    })
    await page.locator('#bid-password').fill('Bid-pass-2026')
    await form.getByLabel('再次输入投标密码').fill('Bid-pass-2026')
    await form.getByRole('button', { name: '加密并递交' }).click()
    await page.assertTextContains('[data-testid="bid-status"]', '已加密递交')

    const others = []
    for (const [name, price] of [
      ['万州浏览器投标二有限公司', 24_100_000],
      ['万州浏览器投标三有限公司', 24_500_000],
    ] as const) {
      const bidder = await bidderAccount(name)
      await depositRecorded(bidder.entityId)
      const keyFile = newKeyFile()
      const sealed = await sealPrice(price, { keyFile })
      const actor = { accountId: bidder.account.id, label: 'bidder', ip: null }
      await inTenant(CODE, () =>
        new SubmitBid({ actor, entityId: bidder.entityId }).handle(tradeId, sealed)
      )
      others.push({
        actor,
        entityId: bidder.entityId,
        dataKey: await unwrapBidKey(sealed, { keyFile }),
      })
    }

    // Time moves past the deadline (test mode's clock offset); the centre opens the bids
    await inTenant(CODE, () => clock.advance(21 * 86_400 + 60))
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, operator.email!)
    await page.assertTextContains('.todo', '开标')
    await act(page, '开标')
    await page.assertTextContains('h1 + p', '开标中')

    // The bidders decrypt: the first in its browser with its password
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `/t/${CODE}/trades/${tradeId}/bid`, first.account.email!)
    const decrypt = page.getByTestId('decrypt-form')
    await decrypt.getByLabel('投标密码').fill('Bid-pass-2026')
    await decrypt.getByRole('button', { name: '解密我的投标文件' }).click()
    await page.assertTextContains('[data-testid="bid-status"]', '已解密')
    for (const other of others) {
      await inTenant(CODE, () =>
        new DecryptBid({ actor: other.actor, entityId: other.entityId }).handle(
          tradeId,
          other.dataKey
        )
      )
    }
    await inTenant(CODE, () => new CloseOpening(SYSTEM_ACTOR).handle(tradeId))

    // The centre starts the evaluation by the expert pool's committee
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, operator.email!)
    await page.assertTextContains('.todo', '组织评标')
    await act(page, '组织评标')
    await page.assertTextContains('h1 + p', '评标中')
    const evaluation = await inTenant(CODE, () =>
      db.from('expert_evaluations').where('trade_id', tradeId).first()
    )
    assert.equal(evaluation.method, 'comprehensive_scoring')
    assert.deepEqual(evaluation.weights, { price: 60, technical: 30, commercial: 10 })

    // The draw for the trade; the drawn experts confirm and the committee is formed
    const { specialty, experts } = await poolOfFive(client)
    const POOL = `/t/${CODE}/expert-pool/api`
    const drawer = await createAccount([{ code: CODE, role: 'expert_drawer' }])
    const draw = await succeeded(
      poolCall(client, drawer, `${POOL}/draws`, {
        tradeId,
        lines: [{ code: specialty, count: 5 }],
        reservePerLine: 0,
        regionCodes: [],
        supervisingUsccs: [],
        evaluationDate: new Date(Date.now() + DAY_MS).toISOString().slice(0, 10),
        fallbackToParent: false,
        maxDrawsPerTenderer: 100,
      })
    )
    await succeeded(poolCall(client, drawer, `${POOL}/draws/${draw.data.id}/draw`))
    for (const expert of experts) {
      const invitations = await succeeded(
        client.get(`${POOL}/invitations`).accept('json').loginAs(expert)
      )
      const seat = invitations.data.find((s: { tradeId: number }) => s.tradeId === tradeId)
      await succeeded(poolCall(client, expert, `${POOL}/seats/${seat.seatId}/confirm`))
    }
    await succeeded(
      poolCall(client, drawer, `${POOL}/committees/${evaluation.id}`, { representatives: [] })
    )
    const members = await inTenant(CODE, () =>
      db.from('expert_committee_members').where('evaluation_id', evaluation.id).orderBy('id')
    )
    const chair = experts.find((e) => e.id === Number(members[0].account_id))!
    const bids = await inTenant(CODE, () =>
      db.from('bids').where('trade_id', tradeId).orderBy('id')
    )
    const sheet = `${POOL}/evaluations/${evaluation.id}`
    const scores = [
      { technical: 26, commercial: 9 },
      { technical: 24, commercial: 8 },
      { technical: 20, commercial: 7 },
    ]
    // Four members score through the API and elect the chair …
    for (const expert of experts.filter((e) => e !== chair)) {
      await succeeded(poolCall(client, expert, `${sheet}/declaration`, { noConflict: true }))
      for (const [i, bid] of bids.entries()) {
        await succeeded(poolCall(client, expert, `${sheet}/verdicts/${bid.id}`, scores[i], 'put'))
      }
      await succeeded(
        poolCall(client, expert, `${sheet}/chair-vote`, { memberId: Number(members[0].id) })
      )
    }
    // … the chair scores on the expert pool's evaluation page
    await browserContext.clearCookies()
    page = await logInAt(
      browser,
      visit,
      `/t/${CODE}/expert-pool/evaluations/${evaluation.id}`,
      chair.email!
    )
    await page.getByLabel('本人已阅读并确认上述声明').check()
    await page.getByRole('button', { name: '确认声明并进入评审' }).click()
    for (const [i, bid] of bids.entries()) {
      const row = page
        .locator('tbody tr')
        .filter({ has: page.locator(`button`) })
        .nth(i)
      await row.getByLabel(/技术分/).fill(String(scores[i].technical))
      await row.getByLabel(/商务分/).fill(String(scores[i].commercial))
      await row.getByRole('button', { name: '保存' }).click()
      await page.waitForSelector(`[data-testid="verdict-saved-${bid.id}"]`)
    }
    await page.getByRole('button', { name: '签署评标报告' }).click()
    await page.assertTextContains('main', '等待其他成员签署')
    for (const expert of experts.filter((e) => e !== chair)) {
      await succeeded(poolCall(client, expert, `${sheet}/signature`))
    }

    // The tenderer publicises the candidates of the signed report
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, owner.email!)
    await page.assertTextContains('.todo', '公示中标候选人')
    await act(page, '公示中标候选人')
    await page.assertTextContains('h1 + p', '中标候选人公示')

    // A bidder objects during the publicity: paused until the tenderer answers
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, first.account.email!)
    await page.locator('#cb-object textarea').fill('第一名的项目经理证书已过期')
    await act(page, '提出异议')
    await page.assertTextContains('h1 + p', '公示异议处理中（暂停）')
    await inTenant(CODE, () => clock.advance(86_400))
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, owner.email!)
    await page.assertTextContains('.todo', '答复异议')
    await page.getByLabel('答复', { exact: true }).fill('经核查证书在有效期内')
    await act(page, '答复')
    await page.assertTextContains('h1 + p', '中标候选人公示')

    // Three days of publicity plus the day of the pause, then the award to the first-ranked
    await inTenant(CODE, () => clock.advance(3 * 86_400))
    const exported = await succeeded(
      client.get(`${BASE}/api/tenders/${tradeId}/export`).accept('json').loginAs(owner)
    )
    const winner = exported.data.GCJS_WIN_CANDIDATE[0]
    await page.reload()
    await browser.settled(page)
    await page.locator('#cb-award input[name="winnerCode"]').fill(winner.WIN_CANDIDATE_CODE)
    await act(page, '定标并发出中标通知书')
    await page.assertTextContains('h1 + p', '已定标')
    await page.locator('#cb-contract input[name="amount"]').fill(winner.BID_PRICE)
    const signedOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(
      await inTenant(CODE, () => clock.now())
    )
    await page.locator('#cb-contract input[name="signedOn"]').fill(signedOn)
    await act(page, '登记合同')
    await page.assertTextContains('h1 + p', '合同履行中')
    await page.locator('#cb-performance input[name="stage"]').fill('开工')
    await page.locator('#cb-performance textarea[name="description"]').fill('已按合同约定开工')
    await act(page, '登记履约信息')
    await browser.settled(page)

    // The first bidder finds its letter on the tender: the notice of award, or of the result
    const firstCode = await db
      .connection('owner')
      .from('market_entities')
      .where('id', first.entityId)
      .first()
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, first.account.email!)
    await page.assertTextContains(
      '[data-testid="letter"] h2',
      firstCode.code === winner.WIN_CANDIDATE_CODE ? '中标通知书' : '中标结果通知书'
    )
    await browserContext.clearCookies()
    page = await logInAt(browser, visit, `${BASE}/tenders/${tradeId}`, owner.email!)

    // The export page shows the whole tender in the data-spec sets
    await page.getByRole('link', { name: '数据规范导出' }).click()
    await page.waitForURL(`**${BASE}/tenders/${tradeId}/export`)
    await browser.settled(page)
    await page.assertTextContains('[data-set="GCJS_OPENING_RECORD"]', '3 条记录')
    await page.assertTextContains('[data-set="GCJS_OPENING_RECORD"]', '23800000')
    await page.assertTextContains('[data-set="GCJS_WIN_CANDIDATE"]', '3 条记录')
    await page.assertTextContains('[data-set="GCJS_RESULT_NOTICE"]', winner.WIN_CANDIDATE_CODE)
    await page.assertTextContains('[data-set="GCJS_CONTRACT_PERFORMANCE"]', '2 条记录')
    browser.assertClean()
  })
})
