import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { UnsafeLoginRoleError, assertSafeLoginRole } from '#tenancy/login_role_check'

/** The boot check that refuses a login role able to bypass RLS (ARCHITECTURE.md §2) */
test.group('login role check', () => {
  test('accepts the app login role', async () => {
    await assertSafeLoginRole(db, 'app')
  })

  test('refuses the owner, naming the role and what it owns', async ({ assert }) => {
    const error = await assertSafeLoginRole(db, 'owner').then(
      () => undefined,
      (thrown) => thrown
    )
    assert.instanceOf(error, UnsafeLoginRoleError)
    assert.match(error.message, /"ggzy_owner"/)
    assert.match(error.message, /owns \d+ tables or views/)
  })
})
