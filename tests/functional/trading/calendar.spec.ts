import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { loadWorkingCalendar } from '#trading/periods/calendar_store'
import { earliestEnd, type LegalPeriod } from '#trading/periods/legal_period'
import { CalendarMissingError } from '#trading/periods/working_calendar'
import { createAccount } from '#tests/helpers/accounts'
import { auditEvents, cityScope } from '#tests/helpers/audit'

/**
 * The city admin maintains the working-day calendar through the API, and the
 * period engine reads what was saved. Only the years 2031–2035 are touched,
 * so the seeded 2024–2026 calendar other tests rely on stays as it is; 2033
 * is published before each test.
 */
const API = '/api/v1/t/500000/admin/calendar'

function workingDays(days: number): LegalPeriod {
  return { code: 'test.working', days, unit: 'working', basis: { 'zh-CN': '测试', 'en': 'test' } }
}

/** The period's end as the engine computes it in a request of the city */
async function periodEnd(start: string, days: number) {
  return withTenant(await cityScope(), async () =>
    earliestEnd(workingDays(days), start, await loadWorkingCalendar())
  )
}

async function clearTestYears() {
  const owner = db.connection('owner')
  await owner.from('calendar_days').whereBetween('day', ['2031-01-01', '2035-12-31']).delete()
  await owner.from('calendar_years').whereBetween('year', [2031, 2035]).delete()
}

async function storedDays() {
  return db
    .connection('owner')
    .from('calendar_days')
    .whereBetween('day', ['2031-01-01', '2035-12-31'])
    .orderBy('day')
    .select(db.raw(`to_char(day, 'YYYY-MM-DD') as day`), 'kind', 'name')
}

async function storedYears() {
  const rows = await db
    .connection('owner')
    .from('calendar_years')
    .whereBetween('year', [2031, 2035])
    .orderBy('year')
    .select('year')
  return rows.map((row) => Number(row.year))
}

test.group('working-day calendar', (group) => {
  group.each.setup(async () => {
    await clearTestYears()
    await db.connection('owner').table('calendar_years').insert({ year: 2033, source: 'test' })
    return clearTestYears
  })

  test('a holiday added by the city admin is skipped by working-day periods, audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }])
    assert.equal(await periodEnd('2033-01-03', 3), '2033-01-06')

    const response = await client
      .post(`${API}/days`)
      .json({ date: '2033-01-05', kind: 'holiday', name: '测试假日' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(201)
    response.assertBodyContains({ data: { day: '2033-01-05', kind: 'holiday', name: '测试假日' } })
    assert.equal(await periodEnd('2033-01-03', 3), '2033-01-07')

    const year = await client.get(`${API}?year=2033`).loginAs(admin)
    year.assertStatus(200)
    year.assertBodyContains({
      data: {
        year: 2033,
        published: { source: 'test' },
        days: [{ day: '2033-01-05', kind: 'holiday', name: '测试假日' }],
      },
    })

    const events = await auditEvents({
      action: 'calendar.day_add',
      subject_id: '2033-01-05',
      actor_account_id: admin.id,
    })
    assert.lengthOf(events, 1)
    assert.equal(events[0].actor_account_id, admin.id)
    assert.deepEqual(events[0].payload, { kind: 'holiday', name: '测试假日' })
  })

  test('a make-up Saturday counts as a working day; changing and removing days is audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }])
    assert.equal(await periodEnd('2033-01-06', 2), '2033-01-10')

    const add = await client
      .post(`${API}/days`)
      .json({ date: '2033-01-08', kind: 'workday', name: '调休上班' })
      .withCsrfToken()
      .loginAs(admin)
    add.assertStatus(201)
    assert.equal(await periodEnd('2033-01-06', 2), '2033-01-08')

    const change = await client
      .put(`${API}/days/2033-01-08`)
      .json({ kind: 'holiday', name: '改为放假' })
      .withCsrfToken()
      .loginAs(admin)
    change.assertStatus(200)
    assert.deepEqual(await storedDays(), [{ day: '2033-01-08', kind: 'holiday', name: '改为放假' }])
    assert.equal(await periodEnd('2033-01-06', 2), '2033-01-10')

    const remove = await client.delete(`${API}/days/2033-01-08`).withCsrfToken().loginAs(admin)
    remove.assertStatus(200)
    assert.deepEqual(await storedDays(), [])

    const events = await auditEvents({
      subject_type: 'calendar',
      subject_id: '2033-01-08',
      actor_account_id: admin.id,
    })
    assert.deepEqual(
      events.map((event) => [event.action, event.payload]),
      [
        ['calendar.day_add', { kind: 'workday', name: '调休上班' }],
        [
          'calendar.day_change',
          {
            before: { kind: 'workday', name: '调休上班' },
            after: { kind: 'holiday', name: '改为放假' },
          },
        ],
        ['calendar.day_remove', { kind: 'holiday', name: '改为放假' }],
      ]
    )
  })

  test('publishing a year lets periods reach into it; withdrawing it is audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }])
    await db.connection('owner').table('calendar_years').insert({ year: 2031, source: 'test' })
    const refused = await periodEnd('2031-12-29', 5).catch((error) => error)
    assert.instanceOf(refused, CalendarMissingError)
    assert.equal(refused.year, 2032)

    const publish = await client
      .post(`${API}/years/2032`)
      .json({ source: '国务院办公厅关于2032年部分节假日安排的通知' })
      .withCsrfToken()
      .loginAs(admin)
    publish.assertStatus(201)
    assert.equal(await periodEnd('2031-12-29', 5), '2032-01-05')

    const again = await client.post(`${API}/years/2032`).json({}).withCsrfToken().loginAs(admin)
    again.assertStatus(409)
    again.assertBodyContains({
      errors: [{ field: 'year', rule: 'trading.calendar.errors.already_published' }],
    })

    const withdraw = await client.delete(`${API}/years/2032`).withCsrfToken().loginAs(admin)
    withdraw.assertStatus(200)
    assert.deepEqual(await storedYears(), [2031, 2033])
    assert.instanceOf(
      await periodEnd('2031-12-29', 5).catch((error) => error),
      CalendarMissingError
    )

    const events = await auditEvents({
      subject_type: 'calendar',
      subject_id: '2032',
      actor_account_id: admin.id,
    })
    assert.deepEqual(
      events.map((event) => [event.action, event.payload]),
      [
        [
          'calendar.year_publish',
          { source: '国务院办公厅关于2032年部分节假日安排的通知', days: 0 },
        ],
        [
          'calendar.year_unpublish',
          { source: '国务院办公厅关于2032年部分节假日安排的通知', days: 0 },
        ],
      ]
    )
  })

  test('bad input and refused changes answer 4xx with field messages and save nothing', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500000', role: 'city_admin' }])
    await db
      .connection('owner')
      .table('calendar_days')
      .insert({ day: '2033-01-05', kind: 'holiday', name: '已有假日' })
    const before = await storedDays()
    const cases: Array<{
      body: Record<string, unknown>
      status: number
      field: string
      text: RegExp
    }> = [
      {
        body: { date: '1999-12-31', kind: 'holiday', name: '元旦' },
        status: 422,
        field: 'date',
        text: /2000 年至 2100 年/,
      },
      {
        body: { date: '2101-01-01', kind: 'holiday', name: '元旦' },
        status: 422,
        field: 'date',
        text: /有效日期/,
      },
      {
        body: { date: '2033-02-30', kind: 'holiday', name: '无' },
        status: 422,
        field: 'date',
        text: /有效日期/,
      },
      {
        body: { date: '2033-01-10', kind: 'vacation', name: '假' },
        status: 422,
        field: 'kind',
        text: /放假或调休上班/,
      },
      {
        body: { date: '2033-01-10', kind: 'holiday', name: '' },
        status: 422,
        field: 'name',
        text: /请填写名称/,
      },
      {
        body: { date: '2033-01-10', kind: 'holiday', name: '长'.repeat(51) },
        status: 422,
        field: 'name',
        text: /不能超过 50 个字符/,
      },
      {
        body: { date: '2033-01-10', kind: 'workday', name: '调休' },
        status: 422,
        field: 'kind',
        text: /本来就是工作日/,
      },
      {
        body: { date: '2033-01-05', kind: 'holiday', name: '重复' },
        status: 409,
        field: 'date',
        text: /已标为“已有假日”/,
      },
    ]
    for (const { body, status, field, text } of cases) {
      const response = await client.post(`${API}/days`).json(body).withCsrfToken().loginAs(admin)
      response.assertStatus(status)
      const error = response.body().errors.find((e: { field: string }) => e.field === field)
      assert.match(error?.message ?? '', text, JSON.stringify(body))
    }

    const weekdayChange = await client
      .put(`${API}/days/2033-01-05`)
      .json({ kind: 'workday', name: '调休' })
      .withCsrfToken()
      .loginAs(admin)
    weekdayChange.assertStatus(422)
    weekdayChange.assertBodyContains({ errors: [{ field: 'kind' }] })
    for (const path of ['/days/2033-01-06', '/days/2033-02-30']) {
      const response = await client.delete(`${API}${path}`).withCsrfToken().loginAs(admin)
      response.assertStatus(404)
    }
    const english = await client
      .post(`${API}/days`)
      .header('Accept-Language', 'en')
      .json({ date: '2033-01-10', kind: 'workday', name: 'x' })
      .withCsrfToken()
      .loginAs(admin)
    english.assertStatus(422)
    assert.match(english.body().errors[0].message, /already a working day/)

    const badYear = await client.get(`${API}?year=1999`).loginAs(admin)
    badYear.assertStatus(422)
    badYear.assertBodyContains({ errors: [{ field: 'year' }] })
    const unpublished = await client.delete(`${API}/years/2034`).withCsrfToken().loginAs(admin)
    unpublished.assertStatus(409)
    const outOfRange = await client
      .post(`${API}/years/2101`)
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    outOfRange.assertStatus(422)

    assert.deepEqual(await storedDays(), before)
    assert.deepEqual(await storedYears(), [2033])
    const events = await auditEvents({ subject_type: 'calendar', actor_account_id: admin.id })
    assert.lengthOf(events, 0)
  })

  test('a district centre admin may neither read nor change the calendar', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500101', role: 'center_admin' }])
    const read = await client.get(`${API}?year=2033`).loginAs(admin)
    read.assertStatus(403)
    const add = await client
      .post(`${API}/days`)
      .json({ date: '2033-01-05', kind: 'holiday', name: '假日' })
      .withCsrfToken()
      .loginAs(admin)
    add.assertStatus(403)
    const publish = await client.post(`${API}/years/2034`).json({}).withCsrfToken().loginAs(admin)
    publish.assertStatus(403)
    const inDistrict = await client.get('/api/v1/t/500101/admin/calendar').loginAs(admin)
    inDistrict.assertStatus(404)
    assert.deepEqual(await storedDays(), [])
    assert.deepEqual(await storedYears(), [2033])
  })
})
