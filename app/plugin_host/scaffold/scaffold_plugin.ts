import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pluginFiles, pluginNames } from '#plugin_host/scaffold/plugin_templates'
import { PLUGIN_ID_PATTERN } from '#plugin_host/validators/plugin_enablement'

/** Core module names a plugin id may not take: pages render as '<id>/<page>' */
const RESERVED_IDS = ['core', 'tenancy', 'identity', 'access', 'audit', 'plugin-host', 'jobs']

/**
 * Writes plugins/<id>/ and adds it to config/plugins.ts. Refuses an invalid
 * or reserved id and an existing folder, before writing anything.
 */
export async function scaffoldPlugin(appRoot: string, id: string, timestamp: number) {
  if (!PLUGIN_ID_PATTERN.test(id)) throw new Error(`"${id}" is not a kebab-case plugin id`)
  if (RESERVED_IDS.includes(id)) throw new Error(`"${id}" is the name of a core module`)
  const folder = join('plugins', id)
  if (existsSync(join(appRoot, folder))) throw new Error(`${folder} already exists`)

  const configPath = join(appRoot, 'config/plugins.ts')
  const config = await readFile(configPath, 'utf8')
  const registered = registerInConfig(config, folder)

  const files = pluginFiles(pluginNames(id, timestamp))
  for (const [relative, content] of Object.entries(files)) {
    const target = join(appRoot, folder, relative)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, content)
  }
  await writeFile(configPath, registered)
  return Object.keys(files).map((relative) => join(folder, relative))
}

/** Adds the folder to the `installed` list of config/plugins.ts */
export function registerInConfig(config: string, folder: string) {
  const match = config.match(/installed: \[([^\]]*)\]/)
  if (!match) throw new Error('config/plugins.ts has no "installed: [...]" list')
  const entries = match[1]
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  entries.push(`'${folder}'`)
  const list = entries.length === 1 ? `[${entries[0]}]` : `[\n    ${entries.join(',\n    ')},\n  ]`
  return config.replace(match[0], `installed: ${list}`)
}
