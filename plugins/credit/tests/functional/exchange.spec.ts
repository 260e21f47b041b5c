import { test } from '@japa/runner'
import { closeQueues } from '#jobs/queues'
import db from '@adonisjs/lucid/services/db'
import { randomIdCard, randomUscc } from '#tests/helpers/identity'
import { inTenant } from '#tests/helpers/bids'
import { parseCsv } from '../../app/support/csv.js'
import { SPEC_COLUMNS } from '../../app/support/exchange.js'
import { CITY, ensureCreditEnabled, supervisorOf } from './credit_fixtures.js'

const API = `/t/${CITY}/credit/api`

function csvLine(cells: Record<string, string>) {
  return SPEC_COLUMNS.map((column) => {
    const value = cells[column] ?? ''
    return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
  }).join(',')
}

test.group('credit: import and export in the §17 shape', (group) => {
  group.setup(() => ensureCreditEnabled([CITY]))
  // Records with an end schedule their expiry timer: the queue connection must close
  group.teardown(() => closeQueues())

  test('a CSV import keeps the good rows and reports the bad ones by line and column', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const good = randomUscc()
    const person = randomIdCard()
    const common = {
      SUBJECT_NAME: '重庆导入测试有限公司',
      SUBJECT_CODE_TYPE: '01',
      DEPT_NAME: '重庆市住房和城乡建设委员会',
      DECISION_DATE: '2027-01-05',
      START_DATE: '2027-01-05',
    }
    const lines = [
      SPEC_COLUMNS.join(','),
      csvLine({
        ...common,
        DATA_SET: 'CREDIT_VIOLATION',
        SUBJECT_CODE: good,
        RECORD_TITLE: '串通投标, 情节严重',
        DOC_NO: '渝建罚〔2027〕11号',
        PUNISH_TYPE: 'disqualification',
        LEGAL_BASIS: '《招标投标法实施条例》第六十七条',
        END_DATE: '2028-01-04',
        LIMIT_ROLES: 'bidder;agency',
        REGION_CODE: '50',
      }),
      // Line 3: the check character of the code is wrong
      csvLine({
        ...common,
        DATA_SET: 'CREDIT_REWARD',
        SUBJECT_CODE: good.slice(0, 17) + (good[17] === '0' ? '1' : '0'),
        RECORD_TITLE: '优质工程',
        DOC_NO: '渝建奖〔2027〕1号',
      }),
      csvLine({
        ...common,
        DATA_SET: 'CREDIT_PERFORMANCE',
        SUBJECT_NAME: '张三',
        SUBJECT_CODE_TYPE: '02',
        SUBJECT_CODE: person,
        RECORD_TITLE: '合同履约良好',
        DOC_NO: '履约〔2027〕5号',
      }),
      // Line 5: unknown data set and an impossible date
      csvLine({
        ...common,
        DATA_SET: 'CREDIT_UNKNOWN',
        SUBJECT_CODE: good,
        RECORD_TITLE: '未知',
        DOC_NO: '未知〔2027〕1号',
        DECISION_DATE: '2027-02-30',
      }),
    ]
    const response = await client
      .post(`${API}/import`)
      .json({ format: 'csv', content: lines.join('\r\n') })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    response.assertStatus(200)
    const { imported, rejected } = response.body().data
    assert.equal(imported, 2)
    assert.deepEqual(
      rejected.map((row: { line: number }) => row.line),
      [3, 5]
    )
    assert.deepInclude(rejected[0].errors[0], { column: 'SUBJECT_CODE' })
    assert.include(rejected[0].errors[0].message, '统一社会信用代码')
    const columns = rejected[1].errors.map((error: { column: string }) => error.column)
    assert.includeMembers(columns, ['DATA_SET', 'DECISION_DATE'])

    const kept = await db
      .connection('owner')
      .from('credit_records')
      .whereIn('subject_code', [good, person])
      .orderBy('id')
    assert.deepEqual(
      kept.map((row) => [row.kind, row.title, row.restricts]),
      [
        ['violation', '串通投标, 情节严重', true],
        ['performance', '合同履约良好', false],
      ]
    )
    assert.deepEqual(kept[0].restricted_roles, ['bidder', 'agency'])
  })

  test('a JSON import names the position of a bad record; bad files are refused whole', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const code = randomUscc()
    const record = {
      DATA_SET: 'CREDIT_BLACKLIST',
      SUBJECT_NAME: '重庆黑名单测试有限公司',
      SUBJECT_CODE_TYPE: '01',
      SUBJECT_CODE: code,
      RECORD_TITLE: '严重失信',
      DEPT_NAME: '重庆市发展和改革委员会',
      DOC_NO: '渝发改信〔2027〕1号',
      DECISION_DATE: '2027-01-05',
      START_DATE: '2027-01-05',
      END_DATE: '2028-01-04',
    }
    const response = await client
      .post(`${API}/import`)
      .json({
        format: 'json',
        content: JSON.stringify({ records: [record, { ...record, END_DATE: '2026-01-01' }] }),
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    response.assertStatus(200)
    assert.equal(response.body().data.imported, 1)
    assert.equal(response.body().data.rejected[0].line, 2)
    assert.deepEqual(response.body().data.rejected[0].errors, [
      { column: 'END_DATE', message: '截止日期不能早于起始日期' },
    ])

    const broken = await client
      .post(`${API}/import`)
      .json({ format: 'json', content: '{"records": ' })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    broken.assertStatus(422)
    assert.equal(broken.body().errors[0].field, 'content')
  })

  test('export as JSON and CSV in the spec columns, one entity or all', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const code = randomUscc()
    const recorded = await client
      .post(`${API}/records`)
      .json({
        kind: 'blacklist',
        subjectCodeType: 'uscc',
        subjectCode: code,
        subjectName: '重庆导出测试有限公司',
        title: '严重失信, "名单"',
        issuingDepartment: '重庆市发展和改革委员会',
        sourceDocument: '渝发改信〔2027〕9号',
        decidedOn: '2027-01-05',
        startsOn: '2027-01-05',
        endsOn: '2029-01-04',
      })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    recorded.assertStatus(201)

    const json = await client.get(`${API}/export?subject=${code}`).loginAs(supervisor)
    json.assertStatus(200)
    assert.equal(json.body().platformCode, 'L5000000001')
    assert.lengthOf(json.body().records, 1)
    assert.deepInclude(json.body().records[0], {
      DATA_SET: 'CREDIT_BLACKLIST',
      SUBJECT_CODE_TYPE: '01',
      SUBJECT_CODE: code,
      DOC_NO: '渝发改信〔2027〕9号',
      END_DATE: '2029-01-04',
      RECORD_STATUS: 'active',
    })

    const csv = await client.get(`${API}/export?subject=${code}&format=csv`).loginAs(supervisor)
    csv.assertStatus(200)
    assert.match(csv.header('content-type') ?? '', /text\/csv/)
    const [header, row] = parseCsv(csv.text())
    assert.deepEqual(header.cells, [...SPEC_COLUMNS])
    assert.equal(row.cells[SPEC_COLUMNS.indexOf('RECORD_TITLE')], '严重失信, "名单"')

    // What was exported imports again as the same record
    const again = await client
      .post(`${API}/import`)
      .json({ format: 'csv', content: csv.text() })
      .accept('json')
      .withCsrfToken()
      .loginAs(supervisor)
    again.assertStatus(200)
    assert.equal(again.body().data.imported, 1)

    const exports = await inTenant(CITY, () =>
      db
        .from('audit_events')
        .where({ action: 'credit.export', actor_account_id: supervisor.id })
        .orderBy('seq')
    )
    assert.deepEqual(
      exports.map((event) => event.payload),
      [
        { format: 'json', bySubject: true, records: 1 },
        { format: 'csv', bySubject: true, records: 1 },
      ]
    )

    const anonymous = await client.get(`${API}/export`).accept('json')
    assert.oneOf(anonymous.status(), [401, 302])
  })
})
