import { test } from '@japa/runner'
import { WorkingCalendar } from '#trading/periods/working_calendar'
import { complaintClock, workingDaysWithin } from '#supervision/complaints/complaint_clock'

/**
 * The legal clocks of domain.md §9 across the 2026 National Day holiday
 * (10-01…10-07 off; Sunday 09-20 and Saturday 10-10 are make-up working days).
 */
const NATIONAL_DAY = [
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    day: `2026-10-${d}`,
    kind: 'holiday' as const,
    name: '国庆节',
  })),
  { day: '2026-09-20', kind: 'workday' as const, name: '国庆节调休上班' },
  { day: '2026-10-10', kind: 'workday' as const, name: '国庆节调休上班' },
]
const calendar = new WorkingCalendar(new Set([2026, 2027]), NATIONAL_DAY)

test.group('complaint clocks', () => {
  test('a construction complaint filed before the holiday is due for acceptance 3 working days later, after it', ({
    assert,
  }) => {
    const clock = complaintClock(
      {
        regime: 'construction',
        kind: 'complaint',
        stage: 'process',
        knownOn: '2026-09-25',
        filedOn: '2026-09-29',
      },
      calendar
    )
    // 09-30 (1), the holiday, 10-08 (2), 10-09 (3)
    assert.equal(clock.acceptDue, '2026-10-09')
    // 10 calendar days from 09-25 end on 10-05, a holiday: the next working day
    assert.equal(clock.filingLastDay, '2026-10-08')
    assert.isNull(clock.decisionDue)
  })

  test('the decision is due 30 working days after acceptance, moved by the working days of a closed stop', ({
    assert,
  }) => {
    const base = {
      regime: 'construction' as const,
      kind: 'complaint' as const,
      stage: 'process',
      knownOn: '2026-09-01',
      filedOn: '2026-09-02',
      acceptedOn: '2026-09-04',
    }
    const plain = complaintClock(base, calendar)
    // 09-07…09-30 give 19 working days (with the 09-20 make-up day), 10-08…10-21 the other 11
    assert.equal(plain.decisionDue, '2026-10-21')
    const stopped = complaintClock(
      { ...base, stops: [{ from: '2026-09-30', to: '2026-10-09', reason: '鉴定' }] },
      calendar
    )
    assert.equal(workingDaysWithin(calendar, '2026-09-30', '2026-10-09'), 3)
    assert.equal(stopped.stoppedWorkingDays, 3)
    assert.equal(stopped.decisionDue, '2026-10-26')
    const open = complaintClock(
      { ...base, stops: [{ from: '2026-09-30', to: null, reason: '检测' }] },
      calendar
    )
    assert.isTrue(open.stopped)
    assert.isNull(open.decisionDue)
  })

  test('government procurement: challenges within 7 working days, replies in 7, complaints accepted in 5', ({
    assert,
  }) => {
    const challenge = complaintClock(
      {
        regime: 'government_procurement',
        kind: 'challenge',
        stage: 'result',
        knownOn: '2026-09-28',
        filedOn: '2026-09-30',
      },
      calendar
    )
    // 09-29, 09-30, 10-08, 10-09, 10-10 (make-up), 10-12, 10-13
    assert.equal(challenge.filingLastDay, '2026-10-13')
    // 10-08, 10-09, 10-10, 10-12, 10-13, 10-14, 10-15
    assert.equal(challenge.answerDue, '2026-10-15')
    const complaint = complaintClock(
      {
        regime: 'government_procurement',
        kind: 'complaint',
        stage: 'result',
        knownOn: '2026-10-15',
        filedOn: '2026-10-16',
      },
      calendar
    )
    assert.equal(complaint.acceptDue, '2026-10-23')
    assert.equal(complaint.filingLastDay, '2026-11-05')
  })

  test('objections: to the tender documents until 10 days before the deadline, answered within 3 days', ({
    assert,
  }) => {
    const objection = complaintClock(
      {
        regime: 'construction',
        kind: 'objection',
        stage: 'documents',
        knownOn: '2026-09-01',
        filedOn: '2026-09-02',
        bidDeadline: '2026-09-30',
      },
      calendar
    )
    assert.equal(objection.filingLastDay, '2026-09-20')
    assert.equal(objection.answerDue, '2026-09-07')
    const atOpening = complaintClock(
      {
        regime: 'construction',
        kind: 'objection',
        stage: 'opening',
        knownOn: '2026-09-02',
        filedOn: '2026-09-02',
      },
      calendar
    )
    assert.equal(atOpening.answerDue, '2026-09-02')
  })
})
