import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { findTrade } from '#trading/trades'
import { partyOf } from './parties.js'
import { projectOf, tenderOf } from './tenders.js'
import { waitingFor } from './todo.js'

/**
 * What a page or an API client sees of a tender: its terms, state,
 * milestones, the person's party and what waits for them; objections show
 * their content to everyone, the objector's identity only to the staff.
 */
export async function tenderView(ctx: HttpContext, tradeId: number) {
  const trade = await findTrade(tradeId)
  const tender = await tenderOf(tradeId)
  const project = await projectOf(tender.projectId)
  const party = await partyOf(ctx, Number(project.entity_id))
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
