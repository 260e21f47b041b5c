import { scheduleTimer } from '#jobs/timers'
import type Trade from '#trading/models/trade'

export const OPENING_TIMER = 'construction-bidding.deadline_reached'

/**
 * The bids are opened at the moment of the deadline (法 Art. 34): a timer at
 * the trade's current deadline. A moved deadline gets a timer of its own;
 * the one for the old moment finds the deadline later and does nothing.
 */
export async function scheduleOpening(trade: Trade) {
  const deadline = trade.milestones.bid_deadline
  if (!deadline) return
  await scheduleTimer({
    name: OPENING_TIMER,
    key: `cb-deadline-${trade.id}-${new Date(deadline).getTime()}`,
    runAt: new Date(deadline),
    payload: { tradeId: trade.id },
  })
}
