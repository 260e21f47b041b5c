import { test } from '@japa/runner'
import { documentLexemes, keywordQuery } from '#disclosure/search_terms'

test.group('disclosure · search terms', () => {
  test('a Han run is stored as its characters and adjacent pairs', ({ assert }) => {
    assert.sameMembers(documentLexemes('道路工程'), [
      '道',
      '路',
      '工',
      '程',
      '道路',
      '路工',
      '工程',
    ])
  })

  test('letters and digits are whole words, full-width folded, case ignored', ({ assert }) => {
    assert.sameMembers(documentLexemes('ＡＢＣ公司 No.2026'), [
      'abc',
      '公',
      '司',
      '公司',
      'no',
      '2026',
    ])
  })

  test('a query ANDs the pairs of each term and keeps the terms for the recheck', ({ assert }) => {
    assert.deepEqual(keywordQuery('工程施工 ABC'), {
      tsquery: "'工程' & '程施' & '施工' & 'abc':*",
      terms: ['工程施工', 'abc'],
    })
    assert.deepEqual(keywordQuery('港'), { tsquery: "'港'", terms: ['港'] })
  })

  test('a query of punctuation only searches for nothing', ({ assert }) => {
    assert.isNull(keywordQuery(' -- 、 '))
  })
})
