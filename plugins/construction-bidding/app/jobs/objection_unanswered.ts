import db from '@adonisjs/lucid/services/db'
import { raiseAlert } from './deadline_alert.js'

/** 3 days after an objection: still no answer (条例 Arts. 22, 54) */
export default async function objectionUnanswered(payload: Record<string, unknown>) {
  const open = await db
    .from('cb_objections')
    .where('id', Number(payload.objectionId))
    .whereNull('answered_at')
    .first()
  if (open) await raiseAlert(Number(payload.tradeId), 'objection_unanswered')
}
