import { test } from '@japa/runner'
import { createAccount } from '#tests/helpers/accounts'
import { logInAt, watchProblems } from '#tests/helpers/browser'
import { bidderAccount, tradeWithDeadline } from '#tests/helpers/bids'

/** The documents page: the centre uploads, publishes and amends; a bidder reads (500237) */
const CODE = '500237'
const DAY = 86_400_000
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')

test.group('Trade documents page', () => {
  test('the centre uploads and publishes; an amendment 10 days out moves the deadline; a bidder sees only what is published', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const browser = watchProblems(browserContext, {
      expectedConsoleErrors: [/status of 422 \(Unprocessable Entity\)/],
    })
    const tradeId = await tradeWithDeadline(CODE, new Date(Date.now() + 10 * DAY))
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const url = `/t/${CODE}/trades/${tradeId}/documents`
    const page = await logInAt(browser, visit, url, operator.email!)
    const upload = page.getByTestId('upload-form')

    await upload.getByLabel('文件', { exact: true }).setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ not a document'),
    })
    await upload.getByRole('button', { name: '上传' }).click()
    await page.assertTextContains('#document-file-error', '不接受此文件类型')

    await upload.getByLabel('文件', { exact: true }).setInputFiles({
      name: '招标文件.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    })
    await upload.getByRole('button', { name: '上传' }).click()
    await page.assertTextContains('[data-testid="document-state"]', '草稿')
    await browser.settled(page)
    await page.getByRole('button', { name: '发布 招标文件.pdf' }).click()
    await page.assertTextContains('[data-testid="document-state"]', '已发布')

    const amend = page.getByTestId('amendment-form')
    await amend.getByLabel('修改', { exact: true }).check()
    await amend.getByLabel('内容').fill('工程量清单第 3 项更正')
    await amend.getByLabel(/可能影响投标文件编制/).check()
    await amend.getByRole('button', { name: '发出' }).click()
    await page.assertTextContains('[data-testid="amendment-message"]', '顺延至')
    await page.assertTextContains('[data-testid="amendments"]', '工程量清单第 3 项更正')
    await browser.settled(page)

    // A second version stays a draft: staff see both, bidders only the published one
    await upload.getByLabel('文件', { exact: true }).setInputFiles({
      name: '招标文件-第二版.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    })
    await upload.getByRole('button', { name: '上传' }).click()
    await page.assertTextContains('[data-testid="documents-table"]', '招标文件-第二版.pdf')
    browser.assertClean()

    // The same browser, now as a bidder: only what is published, and no controls
    const bidder = await bidderAccount()
    await browserContext.clearCookies()
    const bidderPage = await logInAt(browser, visit, url, bidder.account.email!)
    await bidderPage.assertNotExists(bidderPage.getByTestId('upload-form'))
    await bidderPage.assertNotExists(bidderPage.getByTestId('amendment-form'))
    await bidderPage.assertTextContains('[data-testid="documents-table"]', '招标文件.pdf')
    await bidderPage.assertTextContains('[data-testid="amendments"]', '工程量清单第 3 项更正')
    const table = await bidderPage.getByTestId('documents-table').innerText()
    assert.notInclude(table, '第二版')
    assert.notInclude(table, '草稿')
    browser.assertClean()
  })
})
