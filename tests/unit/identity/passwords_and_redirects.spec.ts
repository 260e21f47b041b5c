import { test } from '@japa/runner'
import { isCommonPassword } from '#identity/common_passwords'
import { safeNextPath } from '#identity/validators/next_path'

test.group('common passwords', () => {
  test('typical passwords are on the list, whatever their case', ({ assert }) => {
    for (const password of [
      '12345678',
      'password',
      'qwerty123',
      '11111111',
      'a1234567',
      'woaini1314',
    ]) {
      assert.isTrue(isCommonPassword(password), password)
      assert.isTrue(isCommonPassword(password.toUpperCase()), password)
    }
    assert.isTrue(isCommonPassword('Password123'))
  })

  test('an unusual passphrase is not', ({ assert }) => {
    assert.isFalse(isCommonPassword('Correct-Horse-42'))
    assert.isFalse(isCommonPassword('重庆火锅-yyds-2026'))
  })
})

test.group('after-login redirect', () => {
  test('paths on this site are kept', ({ assert }) => {
    assert.equal(safeNextPath('/t/500101'), '/t/500101')
    assert.equal(safeNextPath('/t/500101/trades?page=2'), '/t/500101/trades?page=2')
  })

  test('anything that could leave the site is dropped', ({ assert }) => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '',
      null,
      undefined,
      ['/t/500101'],
      `/${'a'.repeat(5000)}`,
    ]) {
      assert.isNull(safeNextPath(next), JSON.stringify(next))
    }
  })
})
