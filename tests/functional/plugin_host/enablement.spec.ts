import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { withTenant } from '#tenancy/tenant_context'
import { createAccount } from '#tests/helpers/accounts'
import { allowForDistricts, disablePlugin, enablePlugin, tenantOf } from '#tests/helpers/plugins'

/**
 * Enablement rules (ARCHITECTURE.md §5) through the JSON API, with the
 * fixture plugins: notes (city + district), notes-digest (requires notes)
 * and city-ledger (city only). Each test uses its own district.
 */
/** Tenant codes where a plugin is enabled, read in the city scope */
async function enabledCodes(pluginId: string) {
  const root = await tenantOf('500000')
  return withTenant({ scope: 'city', tenantId: root.id, rootTenantId: root.id }, async () => {
    const { rows } = await db.rawQuery(
      `select t.code from tenant_plugins p join tenants t on t.id = p.tenant_id
       where p.root_tenant_id = ? and p.plugin_id = ? and p.enabled order by t.code`,
      [root.id, pluginId]
    )
    return rows.map((row: { code: string }) => row.code)
  })
}

function api(code: string, path: string) {
  return `/api/v1/t/${code}/admin/plugins${path}`
}

test.group('plugin enablement', (group) => {
  group.each.setup(async () => {
    await allowForDistricts('notes', true)
    await allowForDistricts('notes-digest', true)
  })

  test('a centre admin enables a plugin with its default settings, audited', async ({
    client,
    assert,
  }) => {
    const admin = await createAccount([{ code: '500103', role: 'center_admin' }])
    const response = await client
      .post(api('500103', '/notes/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(200)
    response.assertBodyContains({
      data: { pluginId: 'notes', enabled: true, settings: { heading: 'Notes' } },
    })
    const list = await client.get(api('500103', '')).loginAs(admin)
    const notes = list.body().data.find((p: any) => p.id === 'notes')
    assert.isTrue(notes.enabled)
    assert.include(await enabledCodes('notes'), '500103')
    const tenant = await tenantOf('500103')
    const events = await withTenant(
      { scope: 'tenant', tenantId: tenant.id, rootTenantId: tenant.rootId },
      () =>
        db
          .from('audit_events')
          .where('action', 'plugin.enable')
          .select('subject_id', 'actor_account_id')
    )
    assert.deepEqual(events, [{ subject_id: 'notes', actor_account_id: admin.id }])
  })

  test('settings are validated by the plugin schema', async ({ client }) => {
    const admin = await createAccount([{ code: '500104', role: 'center_admin' }])
    const response = await client
      .post(api('500104', '/notes/enable'))
      .json({ settings: { heading: 'x'.repeat(51) } })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'heading' }] })
  })

  test('a city-only plugin is refused in a district', async ({ client }) => {
    const admin = await createAccount([{ code: '500105', role: 'center_admin' }])
    const response = await client
      .post(api('500105', '/city-ledger/enable'))
      .json({})
      .header('accept-language', 'en')
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    response.assertBody({
      errors: [
        {
          field: 'plugin',
          message: 'City ledger is for the city platform only; districts cannot enable it',
          rule: 'plugins.errors.level_district',
        },
      ],
    })
  })

  test('a plugin the city has not opened to districts is refused', async ({ client }) => {
    await allowForDistricts('notes', false)
    const admin = await createAccount([{ code: '500106', role: 'center_admin' }])
    const response = await client
      .post(api('500106', '/notes/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ rule: 'plugins.errors.not_allowed_for_districts' }] })
  })

  test('requirements must be enabled first; then enabling succeeds', async ({ client }) => {
    const admin = await createAccount([{ code: '500107', role: 'center_admin' }])
    const refused = await client
      .post(api('500107', '/notes-digest/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    refused.assertStatus(422)
    refused.assertBodyContains({ errors: [{ rule: 'plugins.errors.requirements_missing' }] })

    await enablePlugin('500107', 'notes')
    const accepted = await client
      .post(api('500107', '/notes-digest/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    accepted.assertStatus(200)
  })

  test('disabling a plugin another enabled plugin requires is refused', async ({ client }) => {
    await enablePlugin('500108', 'notes')
    await enablePlugin('500108', 'notes-digest')
    const admin = await createAccount([{ code: '500108', role: 'center_admin' }])
    const refused = await client
      .post(api('500108', '/notes/disable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    refused.assertStatus(422)
    refused.assertBodyContains({ errors: [{ rule: 'plugins.errors.required_by' }] })

    await disablePlugin('500108', 'notes-digest')
    const accepted = await client
      .post(api('500108', '/notes/disable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    accepted.assertStatus(200)
  })

  test('disabling keeps the data; enabling again shows it again', async ({ client, assert }) => {
    const admin = await createAccount([{ code: '500109', role: 'center_admin' }])
    await enablePlugin('500109', 'notes')
    await client
      .post('/t/500109/notes')
      .form({ title: '保留的记录' })
      .withCsrfToken()
      .loginAs(admin)
    await disablePlugin('500109', 'notes')
    const hidden = await client.get('/t/500109/notes').loginAs(admin)
    hidden.assertStatus(404)

    await enablePlugin('500109', 'notes')
    const shown = await client.get('/t/500109/notes').withInertia().loginAs(admin)
    shown.assertStatus(200)
    assert.deepEqual(
      (shown.inertiaProps as any).entries.map((e: any) => e.title),
      ['保留的记录']
    )
  })

  test('only a centre admin of that tenant may enable', async ({ client }) => {
    const otherAdmin = await createAccount([{ code: '500110', role: 'center_admin' }])
    const operator = await createAccount([{ code: '500111', role: 'center_operator' }])
    const foreign = await client
      .post(api('500111', '/notes/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(otherAdmin)
    foreign.assertStatus(403)
    const notAdmin = await client
      .post(api('500111', '/notes/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(operator)
    notAdmin.assertStatus(403)
    const anonymous = await client.post(api('500111', '/notes/enable')).json({}).withCsrfToken()
    anonymous.assertStatus(401)
  })

  test('bad input answers 4xx and saves nothing', async ({ client }) => {
    const admin = await createAccount([{ code: '500112', role: 'center_admin' }])
    const unknown = await client
      .post(api('500112', '/no-such-plugin/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    unknown.assertStatus(404)
    const malformed = await client
      .post(api('500112', '/notes/enable'))
      .json({ settings: 'not an object' })
      .withCsrfToken()
      .loginAs(admin)
    malformed.assertStatus(422)
    const badId = await client
      .post(api('500112', '/Bad_Id/enable'))
      .json({})
      .withCsrfToken()
      .loginAs(admin)
    badId.assertStatus(404)
    const list = await client.get(api('500112', '')).loginAs(admin)
    list.assertBodyContains({ data: [{ id: 'notes', enabled: false }] })
  })
})

test.group('plugin catalogue', () => {
  test('the matrix shows what the database holds', async ({ client, assert }) => {
    await allowForDistricts('notes', true)
    await enablePlugin('500113', 'notes')
    const cityAdmin = await createAccount([{ code: '500000', role: 'city_admin' }])
    const response = await client.get('/api/v1/t/500000/admin/plugin-catalogue').loginAs(cityAdmin)
    response.assertStatus(200)
    const notes = response.body().data.plugins.find((p: any) => p.id === 'notes')
    assert.include(notes.enabledIn, '500113')
    assert.deepEqual(notes.enabledIn, await enabledCodes('notes'))
    assert.isTrue(notes.districtsAllowed)
    const ledger = response.body().data.plugins.find((p: any) => p.id === 'city-ledger')
    assert.deepEqual(ledger.levels, ['city'])
  })

  test('the catalogue exists only under the city and only for the city admin', async ({
    client,
  }) => {
    const cityAdmin = await createAccount([{ code: '500000', role: 'city_admin' }])
    const districtAdmin = await createAccount([{ code: '500114', role: 'center_admin' }])
    const elsewhere = await client.get('/api/v1/t/500114/admin/plugin-catalogue').loginAs(cityAdmin)
    elsewhere.assertStatus(404)
    const notCity = await client
      .get('/api/v1/t/500000/admin/plugin-catalogue')
      .loginAs(districtAdmin)
    notCity.assertStatus(403)
  })
})
