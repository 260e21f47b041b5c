import db from '@adonisjs/lucid/services/db'
import { checkEveryTransition } from '#trading/engine/procedure_engine'

/**
 * An objection (异议) or a challenge (质疑) pauses its trade until the
 * tenderer (purchaser) answers it (条例 Arts. 22, 54; 政府采购法实施条例
 * Art. 54): the engine refuses every party's transition meanwhile. The
 * supervisor still acts: it may suspend, resume or order otherwise.
 */
checkEveryTransition(async (trade, _event, actor) => {
  if (actor.role === 'supervisor') return null
  const pending = await db
    .from('complaints')
    .where('trade_id', trade.id)
    .whereIn('kind', ['objection', 'challenge'])
    .where('status', 'filed')
    .orderBy('id')
    .select('id')
    .first()
  return pending
    ? { messageKey: 'supervision.complaints.errors.paused', values: { id: String(pending.id) } }
    : null
})
