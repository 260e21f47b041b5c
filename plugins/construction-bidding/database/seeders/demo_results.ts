import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { requireCapability } from '#plugin_host/capabilities'
import { UNBOUND_GLOBAL_SCOPE, withTenant } from '#tenancy/tenant_context'
import { tenantDirectory } from '#tenancy/tenant_directory'
import type { TradeActor } from '#trading/engine/procedure_engine'
import { chinaDateOf } from '#trading/periods/local_date'
import { Award } from '../../app/actions/award.js'
import { PublishCandidates, reportedCandidates } from '../../app/actions/evaluation.js'
import { TakeStep } from '../../app/actions/take_step.js'
import { DAY_MS, PERIODS } from '../../app/law.js'
import { TENDERER } from './demo.js'

/**
 * The demo's results (phase 30, after the expert pool signed the committees'
 * reports): each demo tender whose report is signed goes on to one stage
 * further than the one before, publicity to closed, through the plugin's
 * own actions on a clock frozen in the past, from an hour after the report
 * was signed. Tenders already past the evaluation are left as they are.
 */
const CODE = '500101'
const HOUR_MS = 3_600_000
/** Where each signed tender stops, in trade order */
const STAGES = ['publicity', 'awarded', 'contract signed', 'performance recorded', 'closed']

export default async function seedConstructionResults() {
  const mode = await db.connection('owner').from('platform_clock').where('id', 1).first()
  if (mode?.mode === 'production') return
  const tenant = (await withTenant(UNBOUND_GLOBAL_SCOPE, () => tenantDirectory.findByCode(CODE)))!
  const inWanzhou = <T>(fn: () => Promise<T>) =>
    withTenant({ scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId }, fn)
  const tenderer = await db
    .connection('owner')
    .from('market_entities')
    .where('code', TENDERER.code)
    .first()
  if (!tenderer) return
  const actor: TradeActor = {
    accountId: Number(tenderer.registered_by),
    label: TENDERER.name,
    role: 'tenderer',
  }

  const committee = await requireCapability('evaluation-committee')
  const signed = await inWanzhou(async () => {
    const evaluating = await db
      .from('trades as t')
      .join('cb_tenders as c', 'c.trade_id', 't.id')
      .join('projects as p', 'p.id', 'c.project_id')
      .where('p.entity_id', tenderer.id)
      .where('t.state', 'evaluating')
      .orderBy('t.id')
      .select('t.id')
    const found = []
    for (const row of evaluating) {
      const outcome = await committee.outcome(Number(row.id))
      if (outcome) found.push({ tradeId: Number(row.id), signedAt: new Date(outcome.signedAt) })
    }
    return found
  })

  for (const [depth, { tradeId, signedAt }] of signed.slice(0, STAGES.length).entries()) {
    let at = new Date(signedAt.getTime() + HOUR_MS)
    const step = (fn: () => Promise<unknown>) =>
      inWanzhou(async () => {
        await clock.freeze(at)
        await fn()
      })
    await step(() => new PublishCandidates(actor).handle(tradeId))
    if (depth < 1) continue
    at = new Date(at.getTime() + PERIODS.candidatePublicity.days * DAY_MS + HOUR_MS)
    const [first] = await inWanzhou(() => reportedCandidates(tradeId))
    await step(() => new Award(actor).handle(tradeId, { winnerCode: first.code }))
    if (depth < 2) continue
    at = new Date(at.getTime() + DAY_MS)
    await step(() =>
      new TakeStep(actor).handle(tradeId, 'sign_contract', {
        amount: first.price,
        signedOn: chinaDateOf(at),
      })
    )
    if (depth < 3) continue
    at = new Date(at.getTime() + DAY_MS)
    await step(() =>
      new TakeStep(actor).handle(tradeId, 'record_performance', {
        stage: '开工',
        description: '施工单位已进场，完成开工前准备并正式开工',
      })
    )
    if (depth < 4) continue
    at = new Date(at.getTime() + DAY_MS)
    await step(() =>
      new TakeStep(actor).handle(tradeId, 'complete_performance', {
        summary: '工程竣工验收合格，合同履行完毕',
      })
    )
  }
  await inWanzhou(() => clock.reset())
}
