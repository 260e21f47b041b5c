import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { bidderAccount, inTenant, sealPrice, tradeWithDeadline } from '#tests/helpers/bids'
import { createAccount } from '#tests/helpers/accounts'
import { newKeyFile, unwrapBidKey } from '#trading/sealed_bids/bid_crypto'
import { DecryptBid, StartOpening, SubmitBid } from '#trading/sealed_bids/bids'

/** A bidder seals a bid in the browser, then decrypts it at the opening (璧山区 500120) */
const CODE = '500120'

test.group('Bidding page', (group) => {
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('the browser encrypts the bid; only the bidder password opens it at the opening', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext)
    const canary = `CANARY-${randomUUID()}`
    const deadline = new Date(Date.now() + 3600_000)
    const tradeId = await tradeWithDeadline(CODE, deadline)
    const bidder = await bidderAccount('浏览器投标有限公司')
    const url = `/t/${CODE}/trades/${tradeId}/bid`
    const page = await logInAt(browser, visit, url, bidder.account.email!)

    const form = page.getByTestId('bid-form')
    await form.getByRole('button', { name: '加密并递交' }).click()
    await page.assertTextContains('#price-error', '请填写大于 0 的投标报价')
    await page.assertTextContains('#file-error', '请选择投标文件')

    await form.getByLabel('投标报价（元）').fill('1234567')
    await form.getByLabel('投标文件').setInputFiles({
      name: '投标文件.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`技术标 ${canary}`),
    })
    await page.locator('#bid-password').fill('Bid-pass-2026')
    await form.getByLabel('再次输入投标密码').fill('Bid-pass-2026')
    await form.getByRole('button', { name: '加密并递交' }).click()
    await page.assertTextContains('[data-testid="bid-status"]', '已加密递交')
    await browser.settled(page)

    const stored = await inTenant(CODE, async () => {
      const bid = await db.from('bids').where('trade_id', tradeId).firstOrFail()
      const blobs = await db.from('bid_envelope_blobs').where('bid_id', bid.id)
      return { bid, blobs }
    })
    assert.equal(stored.bid.key_wrapping, 'password')
    // The device fingerprint and the IP that alert rules W01/W02 compare
    assert.match(stored.bid.fingerprint, /^[0-9a-f]{64}$/)
    assert.isNotNull(stored.bid.submit_ip)
    assert.lengthOf(stored.blobs, 2)
    for (const blob of stored.blobs) {
      assert.notInclude(Buffer.from(blob.ciphertext).toString('utf8'), canary)
      assert.notInclude(Buffer.from(blob.ciphertext).toString('utf8'), '1234567')
    }

    await inTenant(CODE, async () => {
      await clock.freeze(new Date(deadline.getTime() + 60_000))
      await new StartOpening(SYSTEM_ACTOR).handle(tradeId, 30)
    })
    await page.reload()
    await browser.settled(page)
    const decrypt = page.getByTestId('decrypt-form')
    await decrypt.getByLabel('投标密码').fill('not-my-password')
    await decrypt.getByRole('button', { name: '解密我的投标文件' }).click()
    await page.assertTextContains('#opening-error', '投标密码或密钥文件不正确')
    await decrypt.getByLabel('投标密码').fill('Bid-pass-2026')
    await decrypt.getByRole('button', { name: '解密我的投标文件' }).click()
    await page.assertTextContains('[data-testid="bid-status"]', '已解密')
    await page.assertTextContains('[data-testid="readout"]', '1234567')
    await browser.settled(page)
    const opened = await inTenant(CODE, () =>
      db.from('bids').where('trade_id', tradeId).select('readout').firstOrFail()
    )
    // The file's own properties, sealed with the price, for rule W03
    assert.containsSubset(opened.readout.document, { name: '投标文件.txt' })
    browser.assertClean()
  })

  test('the opening hall shows a decryption as it happens, without a reload', async ({
    visit,
    browserContext,
  }) => {
    const browser = watchProblems(browserContext)
    const deadline = new Date(Date.now() + 3600_000)
    const tradeId = await tradeWithDeadline(CODE, deadline)
    const bidder = await bidderAccount('开标大厅投标有限公司')
    const keyFile = newKeyFile()
    const sealed = await sealPrice(7654321, { keyFile })
    await inTenant(CODE, async () => {
      await new SubmitBid({
        actor: { accountId: bidder.account.id, label: 'bidder', ip: null },
        entityId: bidder.entityId,
      }).handle(tradeId, sealed)
      await clock.freeze(new Date(deadline.getTime() + 60_000))
      await new StartOpening(SYSTEM_ACTOR).handle(tradeId, 30)
    })
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const page = await logInAt(
      browser,
      visit,
      `/t/${CODE}/trades/${tradeId}/opening`,
      operator.email!
    )
    await page.assertTextContains('[data-testid="hall-live"]', '实时更新中')
    await page.assertTextContains(
      'tr:has-text("开标大厅投标有限公司") [data-testid="hall-status"]',
      '已加密递交'
    )

    const dataKey = await unwrapBidKey(sealed, { keyFile })
    await inTenant(CODE, () =>
      new DecryptBid({
        actor: { accountId: bidder.account.id, label: 'bidder', ip: null },
        entityId: bidder.entityId,
      }).handle(tradeId, dataKey)
    )
    await page.assertTextContains(
      'tr:has-text("开标大厅投标有限公司") [data-testid="hall-status"]',
      '已解密'
    )
    await page.assertTextContains('tr:has-text("开标大厅投标有限公司")', '7654321')
    await browser.settled(page)
    browser.assertClean()
  })

  test('a stranger is refused the opening hall', async ({ visit, browserContext, assert }) => {
    const tradeId = await tradeWithDeadline(CODE, new Date(Date.now() + 3600_000))
    const stranger = await bidderAccount('旁观者有限公司')
    const browser = watchProblems(browserContext)
    const page = await logInAt(browser, visit, `/t/${CODE}`, stranger.account.email!)
    const response = await page.goto(`/t/${CODE}/trades/${tradeId}/opening`)
    assert.equal(response?.status(), 403)
  })
})
