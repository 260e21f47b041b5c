import { test } from '@japa/runner'
import { mkdtemp, mkdir, readFile, readdir, copyFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import app from '@adonisjs/core/services/app'
import { pluginFiles, pluginNames } from '#plugin_host/scaffold/plugin_templates'
import { scaffoldPlugin } from '#plugin_host/scaffold/scaffold_plugin'

async function filesUnder(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? filesUnder(root, join(dir, entry.name))
        : [relative(root, join(dir, entry.name))]
    )
  )
  return nested.flat().sort()
}

test.group('make:plugin scaffolding', () => {
  test('the notes fixture is exactly what the generator writes, so its test passes as generated', async ({
    assert,
  }) => {
    const fixture = app.makePath('tests/fixtures/plugins/notes')
    const generated = pluginFiles(pluginNames('notes', 1764300002000))
    assert.deepEqual(await filesUnder(fixture), Object.keys(generated).sort())
    for (const [path, content] of Object.entries(generated)) {
      assert.equal(await readFile(join(fixture, path), 'utf8'), content, path)
    }
  })

  test('creates the plugin folder and registers it in config/plugins.ts', async ({ assert }) => {
    const root = await mkdtemp(join(tmpdir(), 'ggzy-scaffold-'))
    try {
      await mkdir(join(root, 'config'))
      // The project's own config, with its list emptied: the test must not depend on what is installed
      const projectConfig = await readFile(app.makePath('config/plugins.ts'), 'utf8')
      await writeFile(
        join(root, 'config/plugins.ts'),
        projectConfig.replace(/installed: \[[^\]]*\]/, 'installed: []')
      )
      const created = await scaffoldPlugin(root, 'land-rights', 1800000000000)
      assert.includeMembers(created, [
        'plugins/land-rights/manifest.ts',
        'plugins/land-rights/routes.ts',
        'plugins/land-rights/resources/pages/index.svelte',
        'plugins/land-rights/resources/lang/zh-CN/ui_land-rights.json',
        'plugins/land-rights/resources/lang/en/ui_land-rights.json',
        'plugins/land-rights/database/migrations/1800000000000_create_land_rights_entries_table.ts',
        'plugins/land-rights/tests/functional/land_rights.spec.ts',
      ])
      const config = await readFile(join(root, 'config/plugins.ts'), 'utf8')
      assert.include(config, "installed: ['plugins/land-rights']")
      await scaffoldPlugin(root, 'mining-rights', 1800000000001)
      assert.include(
        await readFile(join(root, 'config/plugins.ts'), 'utf8'),
        "installed: [\n    'plugins/land-rights',\n    'plugins/mining-rights',\n  ]"
      )
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  test('refuses {id} before writing anything')
    .with([
      { id: 'Land_Rights', message: '"Land_Rights" is not a kebab-case plugin id' },
      { id: 'audit', message: '"audit" is the name of a core module' },
      { id: 'existing', message: 'plugins/existing already exists' },
    ])
    .run(async ({ assert }, { id, message }) => {
      const root = await mkdtemp(join(tmpdir(), 'ggzy-scaffold-'))
      try {
        await mkdir(join(root, 'config'))
        await mkdir(join(root, 'plugins/existing'), { recursive: true })
        await copyFile(app.makePath('config/plugins.ts'), join(root, 'config/plugins.ts'))
        await assert.rejects(() => scaffoldPlugin(root, id, 1), message)
        assert.deepEqual(await filesUnder(join(root, 'plugins')), [])
      } finally {
        await rm(root, { recursive: true, force: true })
      }
    })
})
