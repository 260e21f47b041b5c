import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PluginManifest } from '#plugin_host/define_plugin'

export interface PluginsConfig {
  installed: string[]
  testFixtures: string[]
}

export function definePluginsConfig(config: PluginsConfig): PluginsConfig {
  return config
}

export interface InstalledPlugin {
  /** Folder relative to the project root, named by the plugin id */
  folder: string
  manifest: PluginManifest
}

/**
 * The plugin folders of this process: the installed ones, plus the fixtures
 * under test. `GGZY_PLUGINS=a,b` narrows the set to those plugins and what
 * they require, so a plugin's tests boot the host with only the core and it.
 */
export async function loadInstalledPlugins(
  config: PluginsConfig,
  appRoot: string,
  env: { nodeEnv?: string; only?: string } = {
    nodeEnv: process.env.NODE_ENV,
    only: process.env.GGZY_PLUGINS,
  }
): Promise<InstalledPlugin[]> {
  const folders = [...config.installed, ...(env.nodeEnv === 'test' ? config.testFixtures : [])]
  const plugins: InstalledPlugin[] = []
  for (const folder of folders) {
    const file = ['manifest.ts', 'manifest.js']
      .map((name) => join(appRoot, folder, name))
      .find((path) => existsSync(path))
    if (!file) throw new Error(`Plugin folder "${folder}" has no manifest.ts`)
    const { default: manifest } = await import(pathToFileURL(file).href)
    plugins.push({ folder, manifest })
  }
  if (!env.only) return plugins
  const byId = new Map(plugins.map((plugin) => [plugin.manifest.id, plugin]))
  const wanted = new Set<string>()
  const want = (id: string) => {
    if (wanted.has(id) || !byId.has(id)) return
    wanted.add(id)
    Object.keys(byId.get(id)!.manifest.requires ?? {}).forEach(want)
  }
  env.only
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .forEach(want)
  return plugins.filter((plugin) => wanted.has(plugin.manifest.id))
}

/** A plugin's folder for a kind of file, when it has one */
export function pluginPath(appRoot: string, plugin: InstalledPlugin, relative: string | undefined) {
  if (!relative) return undefined
  const path = join(plugin.folder, relative)
  return existsSync(join(appRoot, path)) ? path : undefined
}
