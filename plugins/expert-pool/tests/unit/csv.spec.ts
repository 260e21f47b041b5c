import { test } from '@japa/runner'
import { csvObjects, parseCsv } from '../../app/import/csv.js'

test.group('expert-pool: CSV reader', () => {
  test('quoted commas, doubled quotes and line breaks stay in their cell', ({ assert }) => {
    const records = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n\n')
    assert.deepEqual(records, [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
    ])
  })

  test('records keep the line they start on, blank lines skipped', ({ assert }) => {
    const { missing, rows } = csvObjects('code,nameZh\n\nA05, 施工 \nA0501,x', ['code', 'nameEn'])
    assert.deepEqual(missing, ['nameEn'])
    assert.deepEqual(rows, [
      { line: 3, values: { code: 'A05', nameZh: '施工' } },
      { line: 4, values: { code: 'A0501', nameZh: 'x' } },
    ])
  })
})
