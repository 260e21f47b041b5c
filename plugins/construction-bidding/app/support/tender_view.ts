import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { loadAccess } from '#access/access_context'
import { clock } from '#core/clock'
import { findTrade } from '#trading/trades'
import { partyOf } from './parties.js'
import { projectOf, tenderOf, tendererEntities } from './tenders.js'
import { waitingFor } from './todo.js'

/**
 * After the award every bidder gets its letter (法 Art. 45): the winner the
 * notice of award (中标通知书), the others the notice of the result (中标结果通知书)
 */
async function letterFor(ctx: HttpContext, tradeId: number) {
  const award = await db
    .from('trade_transitions')
    .where({ trade_id: tradeId, event: 'award' })
    .orderBy('id', 'desc')
    .first()
  if (!award) return null
  const { entityIds } = await loadAccess(ctx)
  if (!entityIds.length) return null
  const own = await db
    .from('bids')
    .join('market_entities', 'market_entities.id', 'bids.entity_id')
    .where('bids.trade_id', tradeId)
    .whereIn('bids.entity_id', entityIds)
    .select('market_entities.code')
  if (!own.length) return null
  const won = own.some((row) => row.code === award.payload.winnerCode)
  return {
    kind: won ? ('award_notice' as const) : ('result_notice' as const),
    issuedAt: new Date(award.occurred_at).toISOString(),
  }
}

/**
 * What a page or an API client sees of a tender: its terms, state,
 * milestones, the person's party and what waits for them; objections show
 * their content to everyone, the objector's identity only to the staff.
 */
export async function tenderView(ctx: HttpContext, tradeId: number) {
  const trade = await findTrade(tradeId)
  const tender = await tenderOf(tradeId)
  const project = await projectOf(tender.projectId)
  const party = await partyOf(ctx, tendererEntities(project, tender))
  const objections = await db
    .from('cb_objections')
    .where('trade_id', tradeId)
    .orderBy('id')
    .select('id', 'stage', 'filed_at', 'content', 'answer', 'answered_at')
  const alerts = await db.from('cb_alerts').where('trade_id', tradeId).orderBy('id')
  return {
    id: trade.id,
    title: trade.title,
    procedureId: trade.procedureId,
    state: trade.state,
    suspended: trade.isSuspended,
    suspendedReason: trade.suspendedReason,
    milestones: trade.milestones,
    tender,
    project: {
      id: Number(project.id),
      code: project.code,
      name: project.name,
      fundSource: project.fund_source,
    },
    party,
    waiting: waitingFor(party, trade, {
      prequalification: tender.prequalification,
      tenderMode: tender.tenderMode,
      now: await clock.now(),
    }),
    letter: await letterFor(ctx, tradeId),
    objections: objections.map((row) => ({
      id: Number(row.id),
      stage: row.stage,
      filedAt: new Date(row.filed_at).toISOString(),
      content: row.content,
      answer: row.answer,
      answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
    })),
    alerts:
      party === 'supervisor' || party === 'operator'
        ? alerts.map((row) => ({
            kind: row.kind,
            raisedAt: new Date(row.raised_at).toISOString(),
          }))
        : [],
  }
}
