import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { randomUscc } from '#tests/helpers/identity'
import {
  CITY,
  ensureCreditEnabled,
  fieldsOf,
  penaltyBody,
  supervisorOf,
} from './credit_fixtures.js'

const API = `/api/v1/t/${CITY}/credit/api/penalties`

test.group('credit: bad input', (group) => {
  group.setup(() => ensureCreditEnabled([CITY]))

  test('a bad penalty is refused per field in Chinese and in English, and nothing is kept', async ({
    client,
    assert,
  }) => {
    const supervisor = await supervisorOf(CITY)
    const good = randomUscc()
    const bad = penaltyBody(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), {
      legalBasis: '',
      decidedOn: '2027-01-05',
      startsOn: '2027-01-05',
      endsOn: '2026-12-31',
      penaltyType: 'flogging',
    })

    const zh = await client.post(API).json(bad).withCsrfToken().loginAs(supervisor)
    zh.assertStatus(422)
    const zhFields = fieldsOf(zh.body())
    assert.equal(zhFields.subjectCode, '统一社会信用代码的校验位（第18位）错误')
    assert.equal(zhFields.endsOn, '截止日期不能早于起始日期')
    assert.equal(zhFields.legalBasis, '请填写处罚依据')
    assert.property(zhFields, 'penaltyType')

    const en = await client
      .post(API)
      .json(bad)
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(supervisor)
    en.assertStatus(422)
    const enFields = fieldsOf(en.body())
    assert.equal(enFields.endsOn, 'The end date cannot be before the start date')
    assert.include(enFields.legalBasis, 'legal basis')

    // A ban needs its end (条例 Arts. 67–68 bound it by years)
    const endless = await client
      .post(API)
      .json(penaltyBody(good, { decidedOn: '2027-01-05', startsOn: '2027-01-05' }))
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(supervisor)
    endless.assertStatus(422)
    assert.deepEqual(fieldsOf(endless.body()), { endsOn: 'A market ban needs its end date' })

    const kept = await db.connection('owner').from('credit_records').where('subject_code', good)
    assert.lengthOf(kept, 0)
  })
})
