import { SYSTEM_ACTOR } from '#audit/audit_log'
import { clock } from '#core/clock'
import { findTrade } from '#trading/trades'
import { OpenBids } from '../actions/open_bids.js'

/**
 * At the deadline the system opens the bids, or declares the tender failed
 * with fewer than 3 (条例 Art. 44). Nothing happens when the deadline has
 * moved since, the procedure is paused by an objection, or the centre has
 * opened already.
 */
export default async function deadlineReached(payload: Record<string, unknown>) {
  const trade = await findTrade(Number(payload.tradeId))
  const deadline = trade.milestones.bid_deadline
  if (trade.state !== 'documents_issued' || trade.isSuspended || !deadline) return
  if ((await clock.now()) < new Date(deadline)) return
  await new OpenBids({ ...SYSTEM_ACTOR, role: 'system' }).handle(trade.id)
}
