import { test } from '@japa/runner'
import { definePlugin, type PluginManifest } from '#plugin_host/define_plugin'
import { ManifestError, PluginRegistry } from '#plugin_host/registry'

function manifest(overrides: Partial<PluginManifest> = {}): PluginManifest {
  return definePlugin({
    id: 'fixture',
    version: '1.0.0',
    kind: 'service',
    name: { 'zh-CN': '示例', 'en': 'Fixture' },
    description: { 'zh-CN': '示例插件', 'en': 'Fixture plugin' },
    levels: ['city', 'district'],
    ...overrides,
  })
}

/* Never called: the registry reads only the names of the provided capabilities */
const providerStub = () => Promise.reject(new Error('not loaded in registry tests'))

function bootError(manifests: PluginManifest[]) {
  try {
    new PluginRegistry(manifests)
  } catch (error) {
    if (error instanceof ManifestError) return error.message
    throw error
  }
  return null
}

test.group('plugin registry', () => {
  test('accepts valid manifests with satisfied requirements', ({ assert }) => {
    const registry = new PluginRegistry([
      manifest({ id: 'expert-pool', version: '1.2.0' }),
      manifest({ id: 'construction-bidding', requires: { 'expert-pool': '^1.0.0' } }),
    ])
    assert.deepEqual(
      registry.dependentsOf('expert-pool').map((m) => m.id),
      ['construction-bidding']
    )
  })

  test('a consumer boots when an installed plugin provides what it consumes', ({ assert }) => {
    assert.isNull(
      bootError([
        manifest({ id: 'expert-pool', provides: { 'evaluation-committee': providerStub } }),
        manifest({ id: 'construction-bidding', consumes: ['evaluation-committee'] }),
      ])
    )
  })

  test('{name} stops the boot naming the plugin and the field')
    .with([
      {
        name: 'duplicate id',
        manifests: [manifest(), manifest()],
        message: 'Plugin "fixture": id is installed twice',
      },
      {
        name: 'bad semver',
        manifests: [manifest({ version: '1.0' })],
        message: 'Plugin "fixture": version "1.0" is not a valid semver version',
      },
      {
        name: 'missing requirement',
        manifests: [manifest({ requires: { 'expert-pool': '^1.0.0' } })],
        message: 'Plugin "fixture": requires.expert-pool is not installed',
      },
      {
        name: 'version mismatch',
        manifests: [
          manifest({ id: 'expert-pool', version: '2.1.0' }),
          manifest({ requires: { 'expert-pool': '^1.0.0' } }),
        ],
        message: 'Plugin "fixture": requires.expert-pool needs ^1.0.0 but 2.1.0 is installed',
      },
      {
        name: 'requirement cycle',
        manifests: [
          manifest({ id: 'a', requires: { b: '*' } }),
          manifest({ id: 'b', requires: { c: '*' } }),
          manifest({ id: 'c', requires: { a: '*' } }),
        ],
        message: 'Plugin "a": requires forms a cycle: a → b → c → a',
      },
      {
        name: 'unknown level',
        manifests: [manifest({ levels: ['province' as any] })],
        message: 'Plugin "fixture": levels "province" is not one of city, district',
      },
      {
        name: 'unknown kind',
        manifests: [manifest({ kind: 'widget' as any })],
        message: 'Plugin "fixture": kind "widget" is not one of trade-category, service',
      },
      {
        name: 'missing English name',
        manifests: [manifest({ name: { 'zh-CN': '示例' } as any })],
        message: 'Plugin "fixture": name needs both zh-CN and en',
      },
      {
        name: 'consumed capability nobody provides',
        manifests: [manifest({ consumes: ['evaluation-committee'] })],
        message:
          'Plugin "fixture": consumes.evaluation-committee is provided by no installed plugin',
      },
      {
        name: 'capability provided twice',
        manifests: [
          manifest({ id: 'a', provides: { 'credit-gate': providerStub } }),
          manifest({ id: 'b', provides: { 'credit-gate': providerStub } }),
        ],
        message: 'Plugin "b": provides.credit-gate is provided by "a" too',
      },
      {
        name: 'unknown capability',
        manifests: [manifest({ provides: { 'weather-report': providerStub } as any })],
        message: 'Plugin "fixture": provides.weather-report is not a known capability',
      },
    ])
    .run(({ assert }, { manifests, message }) => {
      assert.equal(bootError(manifests), message)
    })
})
