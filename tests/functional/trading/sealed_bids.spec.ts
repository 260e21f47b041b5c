import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { Redis } from 'ioredis'
import env from '#start/env'
import { databaseSettings, redisSettings } from '#core/database_settings'
import { clock } from '#core/clock'
import { createAccount } from '#tests/helpers/accounts'
import {
  bidderAccount,
  bidsApi,
  inTenant,
  sealPrice,
  submitSealed,
  tradeWithDeadline,
} from '#tests/helpers/bids'
import { newKeyFile, unwrapBidKey } from '#trading/sealed_bids/bid_crypto'

/**
 * Sealed bids through the API as a bidder's client uses it: sealing happens
 * client-side with the same crypto module the browser runs. Tenant 500120
 * (璧山区) is used by no other test. The platform clock is frozen per test.
 */
const CODE = '500120'
const HOUR = 3600_000

/** Which of `needles` a command's output contains, read as a stream (a dump can be large) */
function dumpContains(
  command: string,
  args: string[],
  environment: NodeJS.ProcessEnv,
  needles: string[]
): Promise<string[]> {
  const longest = Math.max(...needles.map((needle) => Buffer.byteLength(needle)))
  const found = new Set<string>()
  let tail = ''
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: environment, stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      const text = tail + chunk
      for (const needle of needles) if (text.includes(needle)) found.add(needle)
      tail = text.slice(-longest)
    })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolve(needles.filter((n) => found.has(n)))
        : reject(new Error(`${command} exited ${code}`))
    )
  })
}

async function answered(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

async function bidAudit(action: string) {
  return inTenant(CODE, () => db.from('audit_events').where('action', action).count('* as n'))
}

test.group('sealed bids', (group) => {
  group.each.teardown(() => inTenant(CODE, () => clock.reset()))

  test('a bid is accepted 1 s before the deadline and refused 1 s after, by the database clock', async ({
    client,
    assert,
  }) => {
    const now = await inTenant(CODE, () => clock.now())
    const deadline = new Date(Math.floor(now.getTime() / 1000) * 1000 + 2 * HOUR)
    const tradeId = await tradeWithDeadline(CODE, deadline)
    const early = await bidderAccount()
    const late = await bidderAccount()
    const keyFile = newKeyFile()

    await inTenant(CODE, () => clock.freeze(new Date(deadline.getTime() - 1000)))
    const accepted = await submitSealed(
      client,
      early.account,
      CODE,
      tradeId,
      await sealPrice(100, { keyFile })
    )
    accepted.assertStatus(201)
    const receipt = accepted.body().data.receipt
    assert.equal(receipt.submittedAt, new Date(deadline.getTime() - 1000).toISOString())
    assert.equal(receipt.version, 1)
    assert.match(receipt.signature, /^[0-9a-f]{64}$/)
    assert.lengthOf(receipt.envelopes, 2)

    await inTenant(CODE, () => clock.freeze(new Date(deadline.getTime() + 1000)))
    const refused = await submitSealed(
      client,
      late.account,
      CODE,
      tradeId,
      await sealPrice(90, { keyFile })
    )
    refused.assertStatus(409)
    refused.assertBodyContains({ errors: [{ field: 'bid', rule: 'bids.errors.deadline_passed' }] })
    assert.include(refused.body().errors[0].message, '已过投标截止时间')
    const withdraw = await client
      .delete(bidsApi(CODE, tradeId, '/bids/mine'))
      .withCsrfToken()
      .loginAs(early.account)
    withdraw.assertStatus(409)
    const count = await inTenant(CODE, () =>
      db.from('bids').where('trade_id', tradeId).count('* as n')
    )
    assert.equal(Number(count[0].n), 1)
  })

  test('before the deadline a bid is replaced (version 2) or withdrawn; the receipt downloads', async ({
    client,
    assert,
  }) => {
    const tradeId = await tradeWithDeadline(CODE, new Date(Date.now() + 24 * HOUR))
    const bidder = await bidderAccount()
    const keyFile = newKeyFile()
    await answered(
      submitSealed(client, bidder.account, CODE, tradeId, await sealPrice(100, { keyFile })),
      201
    )
    const replaced = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(95, { keyFile })
    )
    replaced.assertStatus(201)
    assert.equal(replaced.body().data.receipt.version, 2)

    const file = await client
      .get(bidsApi(CODE, tradeId, '/bids/mine/receipt'))
      .loginAs(bidder.account)
    file.assertStatus(200)
    assert.include(file.header('content-disposition'), 'bid-receipt-')
    assert.equal(JSON.parse(file.text()).signature, replaced.body().data.receipt.signature)

    const withdrawn = await client
      .delete(bidsApi(CODE, tradeId, '/bids/mine'))
      .withCsrfToken()
      .loginAs(bidder.account)
    withdrawn.assertStatus(200)
    const mine = await client.get(bidsApi(CODE, tradeId, '/bids/mine')).loginAs(bidder.account)
    mine.assertStatus(404)
  })

  test('no plaintext anywhere before opening; an early decryption is refused and audited', async ({
    client,
    assert,
  }) => {
    const canary = `CANARY-${randomUUID()}`
    const tradeId = await tradeWithDeadline(CODE, new Date(Date.now() + 24 * HOUR))
    const bidder = await bidderAccount()
    const password = `密码-${randomUUID()}`
    const sealed = await sealPrice(4_321_000, { password }, { note: canary })
    await answered(submitSealed(client, bidder.account, CODE, tradeId, sealed), 201)

    // The database, the Redis keyspace and the upload temp files, as an attacker with all three would have them
    const { admin, app } = databaseSettings(env)
    const inDump = await dumpContains(
      'pg_dump',
      ['-h', admin.host!, '-p', String(admin.port), '-U', admin.user!, app.database!],
      { ...process.env, PGPASSWORD: admin.password ?? '' },
      ['bid_envelope_blobs', canary]
    )
    assert.deepEqual(
      inDump,
      ['bid_envelope_blobs'],
      'the dump holds the bid tables, not the plaintext'
    )
    const settings = redisSettings(env)
    const redis = new Redis({
      host: settings.host,
      port: settings.port,
      password: settings.password,
      db: settings.db,
    })
    try {
      for (const key of await redis.keys('*')) {
        const type = await redis.type(key)
        const values =
          type === 'string'
            ? [await redis.get(key)]
            : type === 'hash'
              ? Object.values(await redis.hgetall(key))
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, 0, -1)
                    : []
        assert.notInclude(values.join('\n'), canary, `redis key ${key}`)
      }
    } finally {
      redis.disconnect()
    }
    for (const name of await readdir(tmpdir())) {
      const content = await readFile(join(tmpdir(), name)).catch(() => null)
      if (content) assert.notInclude(content.toString('utf8'), canary, `temp file ${name}`)
    }

    const mine = await client.get(bidsApi(CODE, tradeId, '/bids/mine')).loginAs(bidder.account)
    const dataKey = await unwrapBidKey(mine.body().data.wrapping, { password })
    const early = await client
      .post(bidsApi(CODE, tradeId, '/bids/mine/decrypt'))
      .json({ dataKey })
      .withCsrfToken()
      .loginAs(bidder.account)
    early.assertStatus(409)
    early.assertBodyContains({ errors: [{ rule: 'bids.errors.not_opening' }] })
    const [refusals] = await bidAudit('bid.decrypt_refused')
    assert.isAtLeast(Number(refusals.n), 1)
    const still = await inTenant(CODE, () => db.from('bids').where('trade_id', tradeId).first())
    assert.equal(still.status, 'sealed')
    assert.isNull(still.readout)
  })

  test('opening: one bidder fails, one stored bid is corrupt, the opening goes on and its record is complete', async ({
    client,
    assert,
  }) => {
    const deadline = new Date(Date.now() + HOUR)
    const tradeId = await tradeWithDeadline(CODE, deadline)
    const operator = await createAccount([{ code: CODE, role: 'center_operator' }])
    const good = await bidderAccount('解密成功建设有限公司')
    const forgetful = await bidderAccount('密码错误建设有限公司')
    const unlucky = await bidderAccount('存储损坏建设有限公司')
    const secrets = { good: newKeyFile(), forgetful: newKeyFile(), unlucky: newKeyFile() }
    for (const [bidder, price, keyFile] of [
      [good, 1_000_000, secrets.good],
      [forgetful, 990_000, secrets.forgetful],
      [unlucky, 980_000, secrets.unlucky],
    ] as const) {
      await answered(
        submitSealed(client, bidder.account, CODE, tradeId, await sealPrice(price, { keyFile })),
        201
      )
    }

    const tooSoon = await client
      .post(bidsApi(CODE, tradeId, '/opening/start'))
      .json({})
      .withCsrfToken()
      .loginAs(operator)
    tooSoon.assertStatus(409)
    await inTenant(CODE, () => clock.freeze(new Date(deadline.getTime() + 60_000)))
    const bidderStarts = await client
      .post(bidsApi(CODE, tradeId, '/opening/start'))
      .json({})
      .withCsrfToken()
      .loginAs(good.account)
    bidderStarts.assertStatus(403)
    await answered(
      client
        .post(bidsApi(CODE, tradeId, '/opening/start'))
        .json({ decryptionMinutes: 30 })
        .withCsrfToken()
        .loginAs(operator),
      200
    )

    // The platform's storage fails one bid after it was sealed
    await inTenant(CODE, async () => {
      const bid = await db
        .from('bids')
        .where({ trade_id: tradeId, entity_id: unlucky.entityId })
        .firstOrFail()
      await db
        .from('bid_envelope_blobs')
        .where({ bid_id: bid.id, name: 'readout' })
        .update({ ciphertext: Buffer.from('garbage') })
    })

    const decrypt = async (bidder: typeof good, keyFile: Uint8Array) => {
      const mine = await client.get(bidsApi(CODE, tradeId, '/bids/mine')).loginAs(bidder.account)
      const dataKey = await unwrapBidKey(mine.body().data.wrapping, { keyFile })
      return client
        .post(bidsApi(CODE, tradeId, '/bids/mine/decrypt'))
        .json({ dataKey })
        .withCsrfToken()
        .loginAs(bidder.account)
    }
    const opened = await decrypt(good, secrets.good)
    opened.assertStatus(200)
    opened.assertBodyContains({ data: { outcome: 'decrypted', readout: { price: 1_000_000 } } })
    // The wrong key file gives a key that fails the GCM tag: the bidder's fault, and it may try again
    const wrong = await decrypt(forgetful, secrets.good).catch(() => null)
    assert.isNull(wrong, "a key file that is not the bidder's does not even unwrap")
    const wrongKey = await client
      .post(bidsApi(CODE, tradeId, '/bids/mine/decrypt'))
      .json({ dataKey: Buffer.alloc(32, 7).toString('base64') })
      .withCsrfToken()
      .loginAs(forgetful.account)
    wrongKey.assertBodyContains({ data: { outcome: 'wrong_key' } })
    const corrupt = await decrypt(unlucky, secrets.unlucky)
    corrupt.assertBodyContains({ data: { outcome: 'retracted' } })

    const early = await client
      .post(bidsApi(CODE, tradeId, '/opening/close'))
      .json({})
      .withCsrfToken()
      .loginAs(operator)
    early.assertStatus(409)
    early.assertBodyContains({ errors: [{ rule: 'bids.errors.decryption_open' }] })
    await inTenant(CODE, () => clock.freeze(new Date(deadline.getTime() + 60_000 + 31 * 60_000)))
    const closed = await client
      .post(bidsApi(CODE, tradeId, '/opening/close'))
      .json({})
      .withCsrfToken()
      .loginAs(operator)
    closed.assertStatus(200)
    const record = closed.body().data.record as any[]
    const byName = Object.fromEntries(record.map((entry) => [entry.bidder.name, entry]))
    assert.equal(byName['解密成功建设有限公司'].status, 'decrypted')
    assert.equal(byName['解密成功建设有限公司'].readout.price, 1_000_000)
    assert.equal(byName['密码错误建设有限公司'].status, 'revoked')
    assert.equal(byName['密码错误建设有限公司'].failure, 'wrong_key')
    assert.equal(byName['存储损坏建设有限公司'].status, 'retracted')
    assert.equal(byName['存储损坏建设有限公司'].failure, 'platform_integrity')
    assert.isNull(byName['存储损坏建设有限公司'].readout)

    const [published] = await inTenant(CODE, () =>
      db.from('announcements').where('trade_id', tradeId).select('kind', 'title', 'body')
    )
    assert.equal(published.kind, 'trade_notice')
    assert.include(published.title, '开标记录')
    assert.include(published.body, '解密成功建设有限公司')
    assert.include(published.body, '1000000 元')
    assert.include(published.body, '视为撤销投标文件')
    assert.include(published.body, '视为撤回投标文件')

    const late = await decrypt(forgetful, secrets.forgetful)
    late.assertStatus(409)
    late.assertBodyContains({ errors: [{ rule: 'bids.errors.decryption_over' }] })
  })

  test('bad input answers 4xx with field messages and saves nothing', async ({
    client,
    assert,
  }) => {
    const tradeId = await tradeWithDeadline(CODE, new Date(Date.now() + 24 * HOUR))
    const bidder = await bidderAccount()
    const keyFile = newKeyFile()
    const sealed = await sealPrice(1, { keyFile })

    const noMeta = await client
      .post(bidsApi(CODE, tradeId, '/bids'))
      .withCsrfToken()
      .loginAs(bidder.account)
    noMeta.assertStatus(422)
    noMeta.assertBodyContains({ errors: [{ field: 'meta' }] })

    const badShape = await submitSealed(client, bidder.account, CODE, tradeId, sealed, {
      wrappedKey: '',
      envelopes: [],
    })
    badShape.assertStatus(422)
    const fields = badShape.body().errors.map((e: any) => e.field)
    assert.includeMembers(fields, ['wrappedKey', 'envelopes'])

    const tampered = await submitSealed(client, bidder.account, CODE, tradeId, sealed, {
      envelopes: sealed.envelopes.map(({ name, iv }) => ({ name, iv, sha256: '0'.repeat(64) })),
    })
    tampered.assertStatus(422)
    tampered.assertBodyContains({ errors: [{ rule: 'bids.errors.hash_mismatch' }] })

    const weak = await submitSealed(
      client,
      bidder.account,
      CODE,
      tradeId,
      await sealPrice(1, { password: 'x' }),
      { kdfIterations: 1000 }
    )
    weak.assertStatus(422)
    weak.assertBodyContains({ errors: [{ field: 'kdfIterations' }] })

    const english = await client
      .post(bidsApi(CODE, tradeId, '/bids'))
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(bidder.account)
    assert.match(english.body().errors[0].message, /not valid JSON/)

    const stranger = await createAccount()
    await answered(submitSealed(client, stranger, CODE, tradeId, sealed), 403)
    await answered(submitSealed(client, bidder.account, '500119', tradeId, sealed), 404)

    const count = await inTenant(CODE, () =>
      db.from('bids').where('trade_id', tradeId).count('* as n')
    )
    assert.equal(Number(count[0].n), 0)
  })
})
