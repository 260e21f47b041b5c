import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { driveRoot } from '#config/drive'
import { createAccount } from '#tests/helpers/accounts'
import { bidderAccount, inTenant, tradeWithDeadline } from '#tests/helpers/bids'
import type Account from '#identity/models/account'

/**
 * Trade documents and amendments through the API, stored on the real local
 * disk (tmp/storage in tests). Tenant 500242 is used by no other test; 500241
 * is the stranger's tenant.
 */
const CODE = '500242'
const OTHER = '500241'
const DAY = 86_400_000

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('招标文件正文 '.repeat(200))])
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

async function dataOf(request: PromiseLike<ApiResponse>) {
  const response = await request
  return response.body().data
}

async function answered(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

function api(tradeId: number, path = '') {
  return `/api/v1/t/${CODE}/trades/${tradeId}${path}`
}

function upload(
  client: ApiClient,
  account: Account,
  tradeId: number,
  bytes: Buffer,
  filename: string,
  fields: Record<string, string> = {}
) {
  let request = client.post(api(tradeId, '/documents'))
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value)
  return request
    .file('file', bytes, { filename, contentType: 'application/pdf' })
    .withCsrfToken()
    .loginAs(account)
}

async function staff() {
  return createAccount([{ code: CODE, role: 'center_operator' }], '中心经办人')
}

async function newTrade() {
  const now = await inTenant(CODE, () => clock.now())
  return tradeWithDeadline(CODE, new Date(now.getTime() + 30 * DAY))
}

async function documentRows(tradeId: number) {
  return inTenant(CODE, () =>
    db.from('trade_documents').where('trade_id', tradeId).orderBy('version')
  )
}

async function storedFiles(tradeId: number) {
  const tenant = await db.connection('owner').from('tenants').where('code', CODE).firstOrFail()
  const folder = join(driveRoot, 'tenants', String(tenant.id), 'trades', String(tradeId))
  return readdir(folder, { recursive: true }).catch(() => [] as string[])
}

async function auditCount(action: string, subjectId: number | string) {
  const rows = await inTenant(CODE, () =>
    db
      .from('audit_events')
      .where({ action, subject_id: String(subjectId) })
      .count('* as n')
  )
  return Number(rows[0].n)
}

test.group('trade documents', (group) => {
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('an upload records the SHA-256 and the bytes on disk match, under a key the platform makes', async ({
    client,
    assert,
  }) => {
    const operator = await staff()
    const tradeId = await newTrade()
    const response = await upload(client, operator, tradeId, PDF, '../../招标文件.pdf')
    response.assertStatus(201)
    const body = response.body().data
    const sha256 = createHash('sha256').update(PDF).digest('hex')
    assert.include(body, { version: 1, status: 'draft', sha256, size: PDF.length })
    assert.equal(body.fileName, '招标文件.pdf')

    const [row] = await documentRows(tradeId)
    assert.match(row.storage_key, new RegExp(`^tenants/\\d+/trades/${tradeId}/tender_documents/`))
    assert.notInclude(row.storage_key, '招标文件')
    const onDisk = await readFile(join(driveRoot, row.storage_key))
    assert.isTrue(onDisk.equals(PDF))
    assert.equal(createHash('sha256').update(onDisk).digest('hex'), row.sha256)
    assert.equal(await auditCount('document.upload', row.id), 1)
  })

  test('empty, oversized, unlisted and disguised files are refused with field messages; nothing is saved', async ({
    client,
    assert,
  }) => {
    const operator = await staff()
    const tradeId = await newTrade()
    const oversized = Buffer.alloc(50 * 1024 * 1024 + 1)
    PDF.copy(oversized)
    const cases: Array<[Buffer, string, string, string]> = [
      [Buffer.alloc(0), 'empty.pdf', 'documents.errors.empty', '文件为空'],
      [oversized, 'big.pdf', 'documents.errors.too_large', '文件超过 50mb'],
      [PDF, 'setup.exe', 'documents.errors.type', '不接受此文件类型'],
      [PNG, 'disguised.pdf', 'documents.errors.content_mismatch', '不是 .pdf 格式'],
      [Buffer.from('plain text'), 'notes.docx', 'documents.errors.content_mismatch', '.docx'],
    ]
    for (const [bytes, filename, rule, message] of cases) {
      const response = await upload(client, operator, tradeId, bytes, filename)
      response.assertStatus(422)
      response.assertBodyContains({ errors: [{ field: 'file', rule }] })
      assert.include(response.body().errors[0].message, message, filename)
    }
    const english = await upload(client, operator, tradeId, PNG, 'disguised.pdf').header(
      'accept-language',
      'en'
    )
    assert.equal(english.body().errors[0].message, "The file's content is not a .pdf file")
    const missing = await client
      .post(api(tradeId, '/documents'))
      .field('kind', 'tender_documents')
      .withCsrfToken()
      .loginAs(operator)
    missing.assertStatus(422)
    missing.assertBodyContains({
      errors: [{ field: 'file', rule: 'documents.errors.file_missing' }],
    })

    assert.lengthOf(await documentRows(tradeId), 0)
    assert.lengthOf(await storedFiles(tradeId), 0)
  })

  test('staff and bidders download published documents; drafts, strangers and anonymous callers get nothing', async ({
    client,
    assert,
  }) => {
    const operator = await staff()
    const bidder = await bidderAccount()
    const stranger = await createAccount([{ code: OTHER, role: 'center_admin' }], '他区管理员')
    const tradeId = await newTrade()
    const draft = await dataOf(upload(client, operator, tradeId, PDF, 'draft.pdf'))

    const asStaff = await client.get(api(tradeId, `/documents/${draft.id}`)).loginAs(operator)
    asStaff.assertStatus(200)
    assert.equal(asStaff.header('x-content-sha256'), draft.sha256)
    assert.include(asStaff.header('content-disposition'), 'attachment; filename="trade-')
    const asBidder = () =>
      client.get(api(tradeId, `/documents/${draft.id}`)).loginAs(bidder.account)
    await answered(asBidder(), 404)

    const published = await client
      .post(api(tradeId, `/documents/${draft.id}/publish`))
      .withCsrfToken()
      .loginAs(operator)
    published.assertStatus(200)
    const download = await asBidder()
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/pdf')
    assert.isTrue(Buffer.from(download.body()).equals(PDF))

    const forbiddenUpload = await upload(client, bidder.account, tradeId, PDF, 'bidder.pdf')
    forbiddenUpload.assertStatus(403)
    await answered(client.get(api(tradeId, `/documents/${draft.id}`)).loginAs(stranger), 404)
    const viaOwnTenant = await client
      .get(`/api/v1/t/${OTHER}/trades/${tradeId}/documents/${draft.id}`)
      .loginAs(stranger)
    viaOwnTenant.assertStatus(404)
    const anonymous = await client.get(api(tradeId, `/documents/${draft.id}`))
    anonymous.assertStatus(401)

    assert.equal(await auditCount('document.download', draft.id), 2)
    assert.equal(await auditCount('document.publish', draft.id), 1)
  })

  test('a new upload is the next version: staff keep every version, bidders get the current one', async ({
    client,
    assert,
  }) => {
    const operator = await staff()
    const bidder = await bidderAccount()
    const tradeId = await newTrade()
    const second = Buffer.concat([PDF, Buffer.from('第二版')])
    const v1 = await dataOf(upload(client, operator, tradeId, PDF, 'v1.pdf', { publish: 'true' }))
    const v2 = await dataOf(
      upload(client, operator, tradeId, second, 'v2.pdf', { publish: 'true' })
    )
    assert.deepEqual([v1.version, v2.version], [1, 2])
    assert.equal(v2.status, 'published')

    const list = await dataOf(client.get(api(tradeId, '/documents')).loginAs(operator))
    assert.deepEqual(
      list.map((d: any) => [d.version, d.sha256, d.current]),
      [
        [1, createHash('sha256').update(PDF).digest('hex'), false],
        [2, createHash('sha256').update(second).digest('hex'), true],
      ]
    )
    const bidderList = await dataOf(client.get(api(tradeId, '/documents')).loginAs(bidder.account))
    assert.deepEqual(
      bidderList.map((d: any) => d.version),
      [2]
    )
    await answered(client.get(api(tradeId, `/documents/${v1.id}`)).loginAs(operator), 200)
    await answered(client.get(api(tradeId, `/documents/${v1.id}`)).loginAs(bidder.account), 404)
    await answered(client.get(api(tradeId, `/documents/${v2.id}`)).loginAs(bidder.account), 200)
  })
})

test.group('amendments and the 15-day rule', (group) => {
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  async function scenario(daysLeft: number) {
    const now = new Date('2026-03-02T02:00:00.000Z')
    const deadline = new Date(now.getTime() + daysLeft * DAY)
    const tradeId = await tradeWithDeadline(CODE, deadline)
    await inTenant(CODE, () => clock.freeze(now))
    return { tradeId, deadline }
  }

  function amend(client: ApiClient, account: Account, tradeId: number, affectsBids: boolean) {
    return client
      .post(api(tradeId, '/amendments'))
      .json({ kind: 'amendment', summary: '调整工程量清单第 3 项', affectsBids })
      .withCsrfToken()
      .loginAs(account)
  }

  async function milestoneOf(tradeId: number) {
    const trade = await inTenant(CODE, () => db.from('trades').where('id', tradeId).firstOrFail())
    return trade.milestones.bid_deadline as string
  }

  test('an amendment affecting bids with 10 days left postpones the deadline to 15 days', async ({
    client,
    assert,
  }) => {
    const operator = await staff()
    const { tradeId, deadline } = await scenario(10)
    const response = await amend(client, operator, tradeId, true)
    response.assertStatus(201)
    const body = response.body().data
    const moved = new Date(deadline.getTime() + 5 * DAY).toISOString()
    assert.include(body, {
      deadlineMoved: true,
      deadlineBefore: deadline.toISOString(),
      bidDeadline: moved,
    })
    assert.include(body.message, '顺延至 2026-03-17 10:00')
    assert.include(body.message, '第二十一条')
    assert.equal(await milestoneOf(tradeId), moved)

    const history = await dataOf(client.get(api(tradeId, '/amendments')).loginAs(operator))
    assert.deepInclude(history[0], {
      affectsBids: true,
      deadlineBefore: deadline.toISOString(),
      deadlineAfter: moved,
    })
    assert.equal(await auditCount('trade.bid_deadline_postponed', tradeId), 1)
    assert.equal(await auditCount('amendment.issue', body.id), 1)

    const english = await amend(client, operator, tradeId, true).header('accept-language', 'en')
    english.assertStatus(201)
    assert.isFalse(english.body().data.deadlineMoved)
    assert.equal(
      english.body().data.message,
      'The clarification was issued; the bid deadline is unchanged'
    )
  })

  test('the English answer states the new deadline', async ({ client, assert }) => {
    const operator = await staff()
    const { tradeId } = await scenario(3)
    const response = await amend(client, operator, tradeId, true).header('accept-language', 'en')
    response.assertStatus(201)
    assert.include(response.body().data.message, 'moves from 2026-03-05 10:00 to 2026-03-17 10:00')
  })

  test('the deadline stays with 20 days left, and for an amendment that does not affect bids', async ({
    client,
    assert,
  }) => {
    const operator = await staff()
    const early = await scenario(20)
    const kept = await amend(client, operator, early.tradeId, true)
    kept.assertStatus(201)
    assert.isFalse(kept.body().data.deadlineMoved)
    assert.equal(await milestoneOf(early.tradeId), early.deadline.toISOString())

    const late = await scenario(10)
    const harmless = await amend(client, operator, late.tradeId, false)
    harmless.assertStatus(201)
    assert.isFalse(harmless.body().data.deadlineMoved)
    assert.equal(await milestoneOf(late.tradeId), late.deadline.toISOString())
    assert.equal(await auditCount('trade.bid_deadline_postponed', late.tradeId), 0)
  })

  test('bidders cannot issue amendments; an empty summary is a field error', async ({ client }) => {
    const operator = await staff()
    const bidder = await bidderAccount()
    const { tradeId } = await scenario(10)
    await answered(amend(client, bidder.account, tradeId, true), 403)
    const empty = await client
      .post(api(tradeId, '/amendments'))
      .json({ kind: 'amendment', summary: ' ', affectsBids: true })
      .withCsrfToken()
      .loginAs(operator)
    empty.assertStatus(422)
    empty.assertBodyContains({ errors: [{ field: 'summary' }] })
  })
})
