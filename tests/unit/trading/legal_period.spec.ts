import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { CalendarMissingError, WorkingCalendar } from '#trading/periods/working_calendar'
import { checkPeriod, earliestEnd, type LegalPeriod } from '#trading/periods/legal_period'

/** The shipped calendar (2024–2026), as the seeder loads it */
async function shippedCalendar() {
  const text = await readFile(app.makePath('data/cn-workday-calendar.csv'), 'utf8')
  const days = text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [day, kind, name] = line.split(',')
      return { day, kind: kind as 'holiday' | 'workday', name }
    })
  return new WorkingCalendar(new Set(days.map((d) => Number(d.day.slice(0, 4)))), days)
}

const DOCUMENTS_TO_DEADLINE: LegalPeriod = {
  code: 'construction.documents_to_deadline',
  days: 20,
  unit: 'calendar',
  basis: { 'zh-CN': '《招标投标法》第二十四条', 'en': 'Bidding Law Art. 24' },
}

const FIVE_WORKING_DAYS: LegalPeriod = {
  code: 'gp.announcement',
  days: 5,
  unit: 'working',
  basis: { 'zh-CN': '《政府采购货物和服务招标投标管理办法》', 'en': 'MoF Order 87' },
}

test.group('legal periods', () => {
  test('19 calendar days are refused and 20 accepted', async ({ assert }) => {
    const calendar = await shippedCalendar()
    const start = '2026-03-02'
    assert.isFalse(checkPeriod(DOCUMENTS_TO_DEADLINE, start, '2026-03-21', calendar).ok)
    const twenty = checkPeriod(DOCUMENTS_TO_DEADLINE, start, '2026-03-22', calendar)
    assert.isTrue(twenty.ok)
    assert.equal(twenty.earliest, '2026-03-22')
  })

  test('working days skip 国庆 and count the 调休 Saturday', async ({ assert }) => {
    const calendar = await shippedCalendar()
    // 2025-09-26 (Fri) + 5 working days: 09-28 (Sun, 调休 workday), 09-29, 09-30,
    // then the 10-01..10-08 holiday, 10-09 (Thu), 10-10 (Fri)
    assert.equal(earliestEnd(FIVE_WORKING_DAYS, '2025-09-26', calendar), '2025-10-10')
    // 10-11 is a 调休 Saturday: a working day
    assert.isTrue(calendar.isWorkingDay('2025-10-11'))
    assert.equal(calendar.addWorkingDays('2025-10-10', 1), '2025-10-11')
  })

  test('a calendar-day period ending on a rest day runs to the next working day when the rule says so', async ({
    assert,
  }) => {
    const calendar = await shippedCalendar()
    const rolling: LegalPeriod = { ...DOCUMENTS_TO_DEADLINE, days: 3, endsOnWorkingDay: true }
    // 2026-09-30 + 3 days = 10-03, inside 国庆 (10-01..10-07); next working day 10-08
    assert.equal(earliestEnd(rolling, '2026-09-30', calendar), '2026-10-08')
    assert.equal(earliestEnd(DOCUMENTS_TO_DEADLINE, '2026-09-13', calendar), '2026-10-03')
  })

  test('a period reaching into a year with no calendar is refused', async ({ assert }) => {
    const calendar = await shippedCalendar()
    assert.throws(
      () => earliestEnd(FIVE_WORKING_DAYS, '2026-12-28', calendar),
      'The working-day calendar for 2027 has not been published'
    )
    const error = (() => {
      try {
        calendar.isWorkingDay('2027-01-04')
      } catch (caught) {
        return caught
      }
    })()
    assert.instanceOf(error, CalendarMissingError)
    assert.equal((error as CalendarMissingError).year, 2027)
  })
})
