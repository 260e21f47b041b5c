/**
 * The files of a new plugin (`node ace make:plugin <id>`). The fixture plugin
 * tests/fixtures/plugins/notes is exactly this output for the id "notes", and
 * a test keeps the two identical, so the generated plugin's own test is known
 * to pass as generated.
 */
export interface PluginNames {
  id: string
  snake: string
  pascal: string
  migrationTimestamp: number
}

export function pluginNames(id: string, migrationTimestamp: number): PluginNames {
  const snake = id.replaceAll('-', '_')
  const pascal = id
    .split('-')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')
  return { id, snake, pascal, migrationTimestamp }
}

export function pluginFiles(n: PluginNames): Record<string, string> {
  return {
    'manifest.ts': `import vine from '@vinejs/vine'
import { definePlugin } from '#plugin_host/define_plugin'

export default definePlugin({
  id: '${n.id}',
  version: '0.1.0',
  kind: 'service',
  name: { 'zh-CN': '${n.id}', 'en': '${n.pascal}' },
  description: { 'zh-CN': '${n.id} 插件', 'en': 'The ${n.pascal} plugin' },
  levels: ['city', 'district'],
  requires: {},
  routes: () => import('./routes.js'),
  settings: {
    schema: vine.object({ heading: vine.string().trim().minLength(1).maxLength(50) }),
    defaults: { heading: '${n.pascal}' },
  },
  menu: [{ label: '${n.id}.menu', path: '/${n.id}' }],
})
`,
    'routes.ts': `import type { Router } from '@adonisjs/core/http'

const ${n.pascal}Controller = () => import('./app/controllers/${n.snake}_controller.js')

/** Mounted by the host under /t/:code, only where the plugin is enabled */
export default function ${n.snake}Routes(router: Router) {
  router.get('/${n.id}', [${n.pascal}Controller, 'index'])
  router.post('/${n.id}', [${n.pascal}Controller, 'store'])
}
`,
    [`app/models/${n.snake}_entry.ts`]: `import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#tenancy/models/tenant_owned'

export default class ${n.pascal}Entry extends compose(BaseModel, TenantOwned) {
  static table = '${n.snake}_entries'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare title: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
`,
    [`app/validators/${n.snake}_entry.ts`]: `import vine from '@vinejs/vine'

export const create${n.pascal}EntryValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
})
`,
    [`app/controllers/${n.snake}_controller.ts`]: `import type { HttpContext } from '@adonisjs/core/http'
import ${n.pascal}Entry from '../models/${n.snake}_entry.js'
import { create${n.pascal}EntryValidator } from '../validators/${n.snake}_entry.js'

export default class ${n.pascal}Controller {
  async index({ inertia, tenant }: HttpContext) {
    const entries = await ${n.pascal}Entry.forTenant(tenant!.id).orderBy('id', 'desc').limit(50)
    return inertia.render('${n.id}/index', {
      entries: entries.map((entry) => ({ id: entry.id, title: entry.title })),
    })
  }

  async store({ request, response }: HttpContext) {
    const { title } = await request.validateUsing(create${n.pascal}EntryValidator)
    await ${n.pascal}Entry.create({ title })
    return response.redirect().back()
  }
}
`,
    [`database/migrations/${n.migrationTimestamp}_create_${n.snake}_entries_table.ts`]: `import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantTableRls } from '#tenancy/rls_ddl'

export default class extends BaseSchema {
  async up() {
    this.schema.raw(\`
      CREATE TABLE ${n.snake}_entries (
        root_tenant_id bigint NOT NULL,
        tenant_id bigint NOT NULL,
        id bigint GENERATED ALWAYS AS IDENTITY,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (root_tenant_id, id),
        FOREIGN KEY (root_tenant_id, tenant_id) REFERENCES tenants (root_id, id)
      )\`)
    this.schema.raw(\`CREATE INDEX ${n.snake}_entries_tenant_idx ON ${n.snake}_entries (tenant_id, id)\`)
    for (const sql of tenantTableRls('${n.snake}_entries')) this.schema.raw(sql)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS ${n.snake}_entries')
  }
}
`,
    'resources/pages/index.svelte': `<script lang="ts">
  import { useForm } from '@inertiajs/svelte'
  import AppLayout from '~/layouts/AppLayout.svelte'
  import { t } from '~/lib/i18n'

  let { entries }: { entries: Array<{ id: number; title: string }> } = $props()
  const form = useForm({ title: '' })

  function submit(event: SubmitEvent) {
    event.preventDefault()
    form.post(location.pathname, { onSuccess: () => form.reset() })
  }
</script>

<AppLayout title={t('${n.id}.title')}>
  <h1>{t('${n.id}.title')}</h1>
  <form class="card" onsubmit={submit}>
    <div class="field">
      <label for="${n.id}-title">{t('${n.id}.entry_title')}</label>
      <input id="${n.id}-title" bind:value={form.title} maxlength="200" aria-describedby="${n.id}-title-error" />
      {#if form.errors.title}<span id="${n.id}-title-error" class="error">{form.errors.title}</span>{/if}
    </div>
    <button type="submit" disabled={form.processing}>{t('${n.id}.add')}</button>
  </form>
  {#if entries.length === 0}
    <p>{t('${n.id}.empty')}</p>
  {:else}
    <ul>
      {#each entries as entry (entry.id)}<li>{entry.title}</li>{/each}
    </ul>
  {/if}
</AppLayout>
`,
    [`resources/lang/zh-CN/ui_${n.id}.json`]: `{
  "menu": "${n.id}",
  "title": "${n.id}",
  "entry_title": "标题",
  "add": "添加",
  "empty": "暂无记录"
}
`,
    [`resources/lang/en/ui_${n.id}.json`]: `{
  "menu": "${n.pascal}",
  "title": "${n.pascal}",
  "entry_title": "Title",
  "add": "Add",
  "empty": "Nothing yet"
}
`,
    [`tests/functional/${n.snake}.spec.ts`]: `import { test } from '@japa/runner'
import { allowForDistricts, enablePlugin } from '#tests/helpers/plugins'

test.group('${n.id} plugin', () => {
  test('its page answers 404 until enabled, then 200 for that tenant only', async ({ client }) => {
    const before = await client.get('/t/500101/${n.id}')
    before.assertStatus(404)

    await allowForDistricts('${n.id}')
    await enablePlugin('500101', '${n.id}')

    const after = await client.get('/t/500101/${n.id}').withInertia()
    after.assertStatus(200)
    after.assertInertiaComponent('${n.id}/index')

    const elsewhere = await client.get('/t/500102/${n.id}')
    elsewhere.assertStatus(404)
  })
})
`,
  }
}
