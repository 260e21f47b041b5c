import { test } from '@japa/runner'
import { canonicalJson } from '../../app/draw/canonical.js'

test.group('expert draw: canonical JSON', () => {
  test('keys sort by code units at every depth, undefined members drop out', ({ assert }) => {
    assert.equal(
      canonicalJson({ b: [{ z: 1, a: 'x' }], a: null, c: undefined, A: true }),
      '{"A":true,"a":null,"b":[{"a":"x","z":1}]}'
    )
  })

  test('integer-like keys keep code-unit order too, not the engine numeric order', ({ assert }) => {
    assert.equal(
      canonicalJson({ 9: 'n', 10: 't', a: { 2: 0, 1: 0 } }),
      '{"10":"t","9":"n","a":{"1":0,"2":0}}'
    )
  })
})
