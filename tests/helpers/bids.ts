import type { ApiClient } from '@japa/api-client'
import { randomBytes, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { createEntityOwner } from '#tests/helpers/accounts'
import { withTenant } from '#tenancy/tenant_context'
import { tenantOf } from '#tests/helpers/plugins'
import { registerProcedure } from '#trading/engine/define_procedure'
import { startTrade } from '#trading/engine/procedure_engine'
import { type BidSecret, type SealedBid, sealBid } from '#trading/sealed_bids/bid_crypto'
import { testTender } from '#tests/fixtures/test_procedure'
import type Account from '#identity/models/account'

/** Test shortcuts for sealed bids: a trade with a deadline, bidders, and the API as a client uses it */
export async function inTenant<T>(code: string, fn: () => Promise<T>) {
  const tenant = await tenantOf(code)
  return withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, fn)
}

export async function tradeWithDeadline(code: string, deadline: Date) {
  registerProcedure(testTender)
  return inTenant(code, async () => {
    const trade = await startTrade('test-tender', `开标测试${randomUUID().slice(0, 6)}`, {
      accountId: null,
      label: 'tenderer',
      role: 'tenderer',
    })
    trade.milestones = { bid_deadline: deadline.toISOString() }
    await trade.save()
    return trade.id
  })
}

/** An account acting for a new market entity of its own */
export async function bidderAccount(name = `投标人${randomUUID().slice(0, 4)}有限公司`) {
  const { account, entity } = await createEntityOwner(name)
  return { account, entityId: entity.id, name }
}

export function bidsApi(code: string, tradeId: number, path = '') {
  return `/api/v1/t/${code}/trades/${tradeId}${path}`
}

/** Sends a sealed bid as the browser does: meta as JSON, each ciphertext a file */
export function submitSealed(
  client: ApiClient,
  account: Account,
  code: string,
  tradeId: number,
  sealed: SealedBid,
  meta: Record<string, unknown> = {}
) {
  let request = client.post(bidsApi(code, tradeId, '/bids')).field(
    'meta',
    JSON.stringify({
      keyWrapping: sealed.keyWrapping,
      kdfSalt: sealed.kdfSalt,
      kdfIterations: sealed.kdfIterations,
      wrappedKey: sealed.wrappedKey,
      envelopes: sealed.envelopes.map(({ name, iv, sha256 }) => ({ name, iv, sha256 })),
      ...meta,
    })
  )
  for (const envelope of sealed.envelopes) {
    request = request.file(envelope.name, Buffer.from(envelope.ciphertext), {
      filename: `${envelope.name}.bin`,
      contentType: 'application/octet-stream',
    })
  }
  return request.withCsrfToken().loginAs(account)
}

export function sealPrice(price: number, secret: BidSecret, extra: Record<string, string> = {}) {
  const encode = (text: string) => new TextEncoder().encode(text)
  return sealBid(
    {
      readout: encode(JSON.stringify({ price, ...extra })),
      file: encode(`投标文件正文 ${extra.note ?? ''}`),
    },
    secret
  )
}

/**
 * A trade whose opening decrypted one bid per read-out price, written
 * directly (the evaluation reads only the outcome of an opening)
 */
export async function tradeWithOpenedBids(code: string, prices: string[]) {
  const tradeId = await tradeWithDeadline(code, new Date(Date.now() - 60_000))
  const bids: Array<{ bidId: number; entityId: number; price: string }> = []
  for (const price of prices) {
    const { account, entity } = await createEntityOwner(`投标人${price}有限公司`)
    const bidId = await inTenant(code, async () => {
      const tenant = await tenantOf(code)
      const [row] = await db
        .table('bids')
        .insert({
          root_tenant_id: tenant.rootId,
          tenant_id: tenant.id,
          trade_id: tradeId,
          entity_id: entity.id,
          submitted_by: account.id,
          status: 'decrypted',
          key_wrapping: 'key_file',
          wrapped_key: randomBytes(32),
          envelopes: JSON.stringify([]),
          submitted_at: new Date(),
          decrypted_at: new Date(),
          readout: JSON.stringify({ price }),
        })
        .returning('id')
      return Number(row.id)
    })
    bids.push({ bidId, entityId: entity.id, price })
  }
  return { tradeId, bids }
}
