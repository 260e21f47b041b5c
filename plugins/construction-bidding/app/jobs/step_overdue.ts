import { scheduleTimer } from '#jobs/timers'
import { findTrade } from '#trading/trades'
import { CANDIDATES_DUE_DAYS, CONTRACT_DUE_DAYS, DAY_MS } from '../law.js'
import { raiseAlert } from './deadline_alert.js'

export const STEP_OVERDUE_TIMER = 'construction-bidding.step_overdue'

/**
 * Steps the law gives a time limit, by the alert a missed limit raises: the
 * state the trade still waits in when the step has not been taken, and the
 * days from the moment that starts the limit.
 */
export const TIMED_STEPS = {
  /** 招标人应当自收到评标报告之日起3日内公示中标候选人 (条例 Art. 54) */
  candidates_late: { waitsIn: 'evaluating', days: CANDIDATES_DUE_DAYS },
  /** 自中标通知书发出之日起30日内订立书面合同 (法 Art. 46) */
  contract_overdue: { waitsIn: 'awarded', days: CONTRACT_DUE_DAYS },
} as const

export type TimedStep = keyof typeof TIMED_STEPS

/** Watches a step: when its limit passes, the supervisor sees an alert unless it was taken */
export async function watchStep(tradeId: number, step: TimedStep, startedAt: Date) {
  await scheduleTimer({
    name: STEP_OVERDUE_TIMER,
    key: `cb-${step}-${tradeId}`,
    runAt: new Date(startedAt.getTime() + TIMED_STEPS[step].days * DAY_MS),
    payload: { tradeId, step },
  })
}

export default async function stepOverdue(payload: Record<string, unknown>) {
  const step = payload.step as TimedStep
  const trade = await findTrade(Number(payload.tradeId))
  if (trade.state === TIMED_STEPS[step].waitsIn) await raiseAlert(trade.id, step)
}
