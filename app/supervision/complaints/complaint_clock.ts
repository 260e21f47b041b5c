import { type LocalDate, addDays } from '#trading/periods/local_date'
import type { WorkingCalendar } from '#trading/periods/working_calendar'

/**
 * The legal clocks of objections (异议), challenges (质疑) and complaints
 * (投诉), domain.md §9, as pure date arithmetic on the working-day calendar.
 * The start day is not counted; a calendar-day period ending on a rest day
 * runs to the next working day (94号令 Art. 42). Clock stops (inspection,
 * testing, appraisal, expert review: 条例 Art. 61, 采购法实施条例 Art. 58)
 * push the decision deadline by the working days they cover; while a stop
 * is open the decision clock has no deadline.
 */
export const COMPLAINT_KINDS = ['objection', 'challenge', 'complaint'] as const
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]
export const REGIMES = ['construction', 'government_procurement'] as const
export type Regime = (typeof REGIMES)[number]

/** What each regime's filings may be about */
export const STAGES: Record<Regime, Record<ComplaintKind, readonly string[]>> = {
  construction: {
    objection: ['documents', 'opening', 'evaluation_result'],
    challenge: [],
    complaint: ['documents', 'opening', 'evaluation_result', 'process'],
  },
  government_procurement: {
    objection: [],
    challenge: ['documents', 'process', 'result'],
    complaint: ['documents', 'process', 'result'],
  },
}

export interface ClockStop {
  from: LocalDate
  to: LocalDate | null
  reason: string
}

export interface ClockInput {
  regime: Regime
  kind: ComplaintKind
  stage: string
  /** When the party knew or should have known (the complaint's start day) */
  knownOn: LocalDate
  filedOn: LocalDate
  acceptedOn?: LocalDate | null
  stops?: ClockStop[]
  /** The bid deadline's date (objections to tender documents count back from it) */
  bidDeadline?: LocalDate | null
  /** The last day of candidate publicity (objections to the evaluation result) */
  publicityEnds?: LocalDate | null
}

export interface Clock {
  /** The last day the filing is allowed, when the law sets one */
  filingLastDay: LocalDate | null
  /** Objections and challenges: the answer is due (the process pauses meanwhile) */
  answerDue: LocalDate | null
  /** Complaints: the supervisor decides whether to accept */
  acceptDue: LocalDate | null
  /** Complaints: the written decision, after acceptance, shifted by the clock stops */
  decisionDue: LocalDate | null
  /** Working days the stops have taken off the decision clock */
  stoppedWorkingDays: number
  /** A stop is open: the decision clock is not running */
  stopped: boolean
}

function calendarDays(calendar: WorkingCalendar, start: LocalDate, days: number) {
  return calendar.onOrNextWorkingDay(addDays(start, days))
}

/** Working days within a stop, both ends included */
export function workingDaysWithin(calendar: WorkingCalendar, from: LocalDate, to: LocalDate) {
  let count = 0
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (calendar.isWorkingDay(day)) count++
  }
  return count
}

function filingLastDay(input: ClockInput, calendar: WorkingCalendar): LocalDate | null {
  const { regime, kind, stage } = input
  if (regime === 'construction' && kind === 'objection') {
    // 条例 Art. 22: at least 10 days before the bid deadline; Art. 54: within the publicity
    if (stage === 'documents') return input.bidDeadline ? addDays(input.bidDeadline, -10) : null
    if (stage === 'evaluation_result') return input.publicityEnds ?? null
    return input.filedOn // against the opening: on the spot (Art. 44)
  }
  if (regime === 'construction') return calendarDays(calendar, input.knownOn, 10) // Art. 60
  if (kind === 'challenge') return calendar.addWorkingDays(input.knownOn, 7) // 采购法 Art. 52
  return calendar.addWorkingDays(input.knownOn, 15) // 采购法 Art. 55
}

export function complaintClock(input: ClockInput, calendar: WorkingCalendar): Clock {
  const stops = input.stops ?? []
  const clock: Clock = {
    filingLastDay: filingLastDay(input, calendar),
    answerDue: null,
    acceptDue: null,
    decisionDue: null,
    stoppedWorkingDays: 0,
    stopped: stops.some((stop) => stop.to === null),
  }
  if (input.kind === 'objection') {
    clock.answerDue =
      input.stage === 'opening' ? input.filedOn : calendarDays(calendar, input.filedOn, 3)
    return clock
  }
  if (input.kind === 'challenge') {
    clock.answerDue = calendar.addWorkingDays(input.filedOn, 7) // 采购法 Art. 53
    return clock
  }
  // 条例 Art. 61: 3 working days to accept; 采购法实施条例/94号令 Art. 21: 5
  clock.acceptDue = calendar.addWorkingDays(input.filedOn, input.regime === 'construction' ? 3 : 5)
  if (input.acceptedOn) {
    clock.stoppedWorkingDays = stops
      .filter((stop) => stop.to !== null)
      .reduce((sum, stop) => sum + workingDaysWithin(calendar, stop.from, stop.to!), 0)
    clock.decisionDue = clock.stopped
      ? null
      : calendar.addWorkingDays(input.acceptedOn, 30 + clock.stoppedWorkingDays)
  }
  return clock
}
