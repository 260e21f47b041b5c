import { randomUUID } from 'node:crypto'
import type { Job } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { fireTimer } from '#jobs/timers'
import '#jobs/registry'
import type { TradeActor } from '#trading/engine/procedure_engine'
import { RegisterProject } from '#trading/projects/actions/register_project'
import { SubmitBid } from '#trading/sealed_bids/bids'
import { newKeyFile } from '#trading/sealed_bids/bid_crypto'
import { bidderAccount, inTenant, sealPrice } from '#tests/helpers/bids'
import { createAccount, createEntityOwner } from '#tests/helpers/accounts'
import { allowForDistricts, enablePlugin, tenantOf } from '#tests/helpers/plugins'
import { tenantScope } from '#tests/helpers/access'
import { projectBody } from '#tests/helpers/projects'
import { withTenant } from '#tenancy/tenant_context'
import { RecordDeposit } from '../../app/actions/record_deposit.js'
import { RegisterTender, type RegisterTenderInput } from '../../app/actions/register_tender.js'

/** 万州区: the district the construction tenders of these tests run in */
export const CODE = '500101'
export const DAY = 86_400

export const operator: TradeActor = { accountId: null, label: 'centre operator', role: 'operator' }

/** The plugin and the expert pool it requires, enabled in 万州区 (other spec files may have) */
export async function enableConstructionBidding() {
  for (const pluginId of ['expert-pool', 'construction-bidding']) {
    const enabled = await withTenant(await tenantScope(CODE), () =>
      db.from('tenant_plugins').where({ plugin_id: pluginId, enabled: true }).first()
    )
    if (enabled) continue
    await allowForDistricts(pluginId)
    await enablePlugin(CODE, pluginId)
  }
}

/** A tenderer entity with a construction project in 万州区, and its tender */
export async function tenderOnProject(
  overrides: Partial<RegisterTenderInput> = {},
  fundSource = 'district_finance'
) {
  const { account, entity } = await createEntityOwner(`招标人${randomUUID().slice(0, 4)}公司`)
  const tenderer = {
    accountId: account.id,
    label: 'tenderer',
    role: 'tenderer' as const,
  }
  const tenant = await tenantOf(CODE)
  const tender = await inTenant(CODE, async () => {
    const project = await new RegisterProject(tenderer).handle(
      tenant,
      entity.id,
      projectBody(CODE, { fundSource }) as any
    )
    return new RegisterTender(tenderer).handle({
      projectId: project.id,
      title: `万州区示范道路工程${randomUUID().slice(0, 4)}`,
      sectionName: '施工一标段',
      tenderMode: 'public',
      prequalification: false,
      content: '道路改造施工',
      estimate: '10000000.00',
      deposit: '200000.00',
      evaluationMethod: 'comprehensive_scoring',
      weights: { price: 60, technical: 30, commercial: 10 },
      tendererRepresentatives: 0,
      ...overrides,
    })
  })
  return { tender, tenderer, account, entity }
}

export function isoIn(now: Date, days: number) {
  return new Date(now.getTime() + days * DAY * 1000).toISOString()
}

export const platformNow = () => inTenant(CODE, () => clock.now())

/** The centre records each bidder's deposit as received, from its basic account */
export async function depositsRecorded(tradeId: number, entityIds: number[]) {
  const centre = await createAccount([{ code: CODE, role: 'center_operator' }])
  const actor = { accountId: centre.id, label: 'centre operator' }
  for (const entityId of entityIds) {
    await inTenant(CODE, () => new RecordDeposit(actor).handle(tradeId, entityId, true))
  }
}

/** Sealed bids from `count` new bidders whose deposits were recorded, as the core accepts them */
export async function sealedBids(tradeId: number, count: number) {
  const bidders = []
  for (let i = 0; i < count; i++) {
    const bidder = await bidderAccount()
    await depositsRecorded(tradeId, [bidder.entityId])
    const keyFile = newKeyFile()
    const sealed = await sealPrice(9_000_000 + i * 10_000, { keyFile })
    await inTenant(CODE, () =>
      new SubmitBid({
        entityId: bidder.entityId,
        actor: { accountId: bidder.account.id, label: bidder.name },
      }).handle(tradeId, sealed)
    )
    bidders.push({ ...bidder, keyFile })
  }
  return bidders
}

/**
 * A tender whose candidates are published now, as the engine records them;
 * for the steps after evaluation without running the committee
 */
export async function inPublicity(
  tradeId: number,
  candidates: Array<{ rank: number; name: string; code: string; price: number }>
) {
  await inTenant(CODE, async () => {
    const now = await clock.now()
    await db
      .from('trades')
      .where('id', tradeId)
      .update({
        state: 'publicity',
        milestones: JSON.stringify({ candidates_published: now.toISOString() }),
      })
    const trade = await db.from('trades').where('id', tradeId).first()
    await db.table('trade_transitions').insert({
      root_tenant_id: trade.root_tenant_id,
      tenant_id: trade.tenant_id,
      trade_id: trade.id,
      event: 'publish_candidates',
      from_state: 'evaluating',
      to_state: 'publicity',
      actor_role: 'tenderer',
      occurred_at: now,
      payload: JSON.stringify({ candidates }),
    })
  })
}

/** Runs the timer of an outbox row now, as the worker would when it is due */
export async function deliver(dedupeKey: string) {
  const scope = await tenantScope(CODE)
  const row = await inTenant(CODE, () => db.from('outbox').where('dedupe_key', dedupeKey).first())
  const job = { data: { outboxId: Number(row.id), scope } } as unknown as Job
  return fireTimer(job as any)
}
