import { findTrade } from '#trading/trades'
import { raiseAlert } from './deadline_alert.js'

/** 30 days after the award: still no contract (法 Art. 46) */
export default async function contractOverdue(payload: Record<string, unknown>) {
  const trade = await findTrade(Number(payload.tradeId))
  if (trade.state === 'awarded') await raiseAlert(trade.id, 'contract_overdue')
}
