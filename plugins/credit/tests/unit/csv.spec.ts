import { test } from '@japa/runner'
import { parseCsv, toCsv } from '../../app/support/csv.js'

test.group('credit: CSV', () => {
  test('quoted cells keep commas, quotes and line breaks; rows keep their first line', ({
    assert,
  }) => {
    const text = '\uFEFFA,B\r\n1,"x, ""y"""\r\n\r\n2,"two\nlines"\n3,z'
    assert.deepEqual(parseCsv(text), [
      { line: 1, cells: ['A', 'B'] },
      { line: 2, cells: ['1', 'x, "y"'] },
      { line: 4, cells: ['2', 'two\nlines'] },
      { line: 6, cells: ['3', 'z'] },
    ])
  })

  test('what toCsv writes parses back to the same cells', ({ assert }) => {
    const rows = [{ A: '渝建罚〔2027〕1号', B: 'a,"b"\nc' }]
    const parsed = parseCsv(toCsv(['A', 'B'], rows))
    assert.deepEqual(
      parsed.map((row) => row.cells),
      [
        ['A', 'B'],
        ['渝建罚〔2027〕1号', 'a,"b"\nc'],
      ]
    )
  })
})
