import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { fireTimer } from '#jobs/timers'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { ensureDistrict } from '#tests/helpers/projects'
import { randomUUID } from 'node:crypto'
import { bidderAccount, inTenant } from '#tests/helpers/bids'
import { registerProcedure } from '#trading/engine/define_procedure'
import { startTrade } from '#trading/engine/procedure_engine'
import { testResults, testTender } from '#tests/fixtures/test_procedure'
import { accountActor } from '#audit/request_actor'
import {
  CloseOpening,
  DecryptBid,
  StartOpening,
  SubmitBid,
  ownBid,
} from '#trading/sealed_bids/bids'
import { newKeyFile, sealBid, unwrapBidKey } from '#trading/sealed_bids/bid_crypto'

/**
 * Test shortcuts for supervision: districts of its own, the supervision
 * timers run as the worker runs them (fireTimer on the outbox row), bids
 * sealed and opened through the trading actions.
 */
export const DISTRICTS = {
  rules: ['500181', '测试监督一区', 'Supervision Test One'],
  alerts: ['500182', '测试监督二区', 'Supervision Test Two'],
  complaints: ['500183', '测试监督三区', 'Supervision Test Three'],
  city: ['500184', '测试监督四区', 'Supervision Test Four'],
  cases: ['500185', '测试监督五区', 'Supervision Test Five'],
  suspension: ['500186', '测试监督六区', 'Supervision Test Six'],
  cityComplaints: ['500187', '测试监督七区', 'Supervision Test Seven'],
} as const

export async function district(which: keyof typeof DISTRICTS) {
  const [code, zh, en] = DISTRICTS[which]
  await ensureDistrict(code, zh, en)
  return code
}

/** Fires every due supervision timer of the tenant, until none is left */
export async function runSupervisionTimers(code: string) {
  let fired = 0
  for (;;) {
    const due = await inTenant(code, async () => {
      const scope = currentScopeOrFail()
      const rows = await db
        .from('outbox')
        .where('tenant_id', scope.tenantId!)
        .whereLike('job_name', 'supervision.%')
        .whereNull('handled_at')
        .whereRaw('run_at <= app.platform_now()')
        .orderBy('id')
        .select('id')
      return { scope, ids: rows.map((row) => Number(row.id)) }
    })
    if (!due.ids.length) return fired
    for (const outboxId of due.ids) {
      await fireTimer({ data: { outboxId, scope: due.scope } } as any)
      fired++
    }
  }
}

export async function alertsOf(
  code: string,
  where: { tradeId?: number; rule?: string; complaintId?: number } = {}
) {
  return inTenant(code, () => {
    const query = db.from('alerts').orderBy('id')
    if (where.tradeId) query.where('trade_id', where.tradeId)
    if (where.rule) query.where('rule_code', where.rule)
    if (where.complaintId) query.where('complaint_id', where.complaintId)
    return query
  })
}

export const TENDERER = { accountId: null, label: 'tenderer', role: 'tenderer' } as const
export const OPERATOR = { accountId: null, label: 'operator', role: 'operator' } as const

/** A trade of a test procedure, optionally serving a project, with milestones set */
export async function newTrade(
  code: string,
  procedureId: 'test-tender' | 'test-results',
  options: { projectId?: number; milestones?: Record<string, string> } = {}
) {
  registerProcedure(testTender)
  registerProcedure(testResults)
  return inTenant(code, async () => {
    const trade = await startTrade(procedureId, `监督测试${randomUUID().slice(0, 6)}`, TENDERER, {
      projectId: options.projectId,
    })
    if (options.milestones) {
      trade.milestones = { ...trade.milestones, ...options.milestones }
      await trade.save()
    }
    return trade.id
  })
}

/** A project of `entityId` (the tenderer), as the registration action stores it */
export async function projectOf(code: string, entityId: number, fundSource = 'district_finance') {
  return inTenant(code, async () => {
    const scope = currentScopeOrFail()
    const owner = await db
      .from('entity_members')
      .where('entity_id', entityId)
      .select('account_id')
      .first()
    const [row] = await db
      .table('projects')
      .insert({
        root_tenant_id: scope.rootTenantId,
        tenant_id: scope.tenantId,
        code: `P${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        serial: 1,
        entity_id: entityId,
        name: '监督测试项目',
        category: 'construction',
        approval_level: 'district',
        approving_authority: '区发展和改革委员会',
        fund_source: fundSource,
        legally_bound: true,
        amount: '1000000.00',
        region_code: code,
        contact_name: '张三',
        contact_phone: '13800000000',
        created_by: owner.account_id,
      })
      .returning('id')
    return Number(row.id)
  })
}

export async function entityCode(entityId: number) {
  const row = await db.connection('owner').from('market_entities').where('id', entityId).first()
  return row.code as string
}

export interface OpenedBid {
  price: number
  fingerprint?: string
  ip?: string
  document?: Record<string, unknown>
  /** false: the bidder never decrypts (revoked at close) */
  decrypt?: boolean
}

/**
 * A trade whose bids were sealed before the deadline and opened after it,
 * through the trading actions; the platform clock is left after the close.
 */
export async function openedTrade(
  code: string,
  bids: OpenedBid[],
  options: { close?: boolean; procedure?: 'test-tender' | 'test-results'; projectId?: number } = {}
) {
  const now = await inTenant(code, () => clock.now())
  const deadline = new Date(Math.floor(now.getTime() / 1000) * 1000 + 3600_000)
  const tradeId = await newTrade(code, options.procedure ?? 'test-tender', {
    projectId: options.projectId,
    milestones: { bid_deadline: deadline.toISOString() },
  })
  const bidders = []
  for (const bid of bids) {
    const bidder = await bidderAccount()
    const keyFile = newKeyFile()
    const encode = (text: string) => new TextEncoder().encode(text)
    const sealed = await sealBid(
      {
        readout: encode(JSON.stringify({ price: bid.price, document: bid.document })),
        file: encode(`投标文件 ${bidder.name}`),
      },
      { keyFile }
    )
    const actor = { ...accountActor(bidder.account, bid.ip ?? null), accountId: bidder.account.id }
    await inTenant(code, () =>
      new SubmitBid({ actor, entityId: bidder.entityId }).handle(tradeId, {
        ...sealed,
        envelopes: sealed.envelopes,
        fingerprint: bid.fingerprint ?? null,
        ip: bid.ip ?? null,
      })
    )
    bidders.push({ ...bidder, keyFile, actor, bid })
  }
  if (options.close === false) return { tradeId, bidders }
  await inTenant(code, () => clock.freeze(new Date(deadline.getTime() + 1000)))
  const operator = { accountId: null, label: 'operator', ip: null }
  await inTenant(code, () => new StartOpening(operator).handle(tradeId, 5))
  for (const bidder of bidders) {
    if (bidder.bid.decrypt === false) continue
    const mine = await inTenant(code, () => ownBid(tradeId, bidder.entityId))
    const dataKey = await unwrapBidKey(mine!.wrapping, { keyFile: bidder.keyFile })
    await inTenant(code, () =>
      new DecryptBid({ actor: bidder.actor, entityId: bidder.entityId }).handle(tradeId, dataKey)
    )
  }
  await inTenant(code, () => clock.freeze(new Date(deadline.getTime() + 6 * 60_000)))
  await inTenant(code, () => new CloseOpening(operator).handle(tradeId))
  return { tradeId, bidders }
}
