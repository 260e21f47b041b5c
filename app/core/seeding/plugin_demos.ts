import type { PluginManifest } from '#plugin_host/define_plugin'

/**
 * Runs the demo seeds of the plugins by ascending phase, across plugins (the
 * sort is stable: within a phase, in the order the plugins are installed).
 * Returns what ran, for the command to report.
 */
export async function seedPluginDemos(manifests: readonly PluginManifest[]) {
  const seeds = manifests
    .flatMap((manifest) => (manifest.demoSeeds ?? []).map((seed) => ({ manifest, seed })))
    .sort((a, b) => a.seed.phase - b.seed.phase)
  for (const { seed } of seeds) {
    const { default: run } = await seed.run()
    await run()
  }
  return seeds.map(({ manifest, seed }) => ({ pluginId: manifest.id, phase: seed.phase }))
}
