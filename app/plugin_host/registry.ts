import semver from 'semver'
import { PLUGIN_KINDS, PLUGIN_LEVELS, type PluginManifest } from '#plugin_host/define_plugin'
import { CAPABILITY_NAMES, type CapabilityName } from '#plugin_host/capabilities'

/**
 * Validates the installed manifests at boot. Each problem is one line naming
 * the plugin and the field, so a bad manifest stops the boot readably.
 */
export class ManifestError extends Error {
  constructor(
    readonly pluginId: string,
    readonly field: string,
    detail: string
  ) {
    super(`Plugin "${pluginId}": ${field} ${detail}`)
  }
}

const ID_SHAPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

function validateOne(manifest: PluginManifest, index: number) {
  const id = typeof manifest.id === 'string' && manifest.id ? manifest.id : `#${index + 1}`
  if (!ID_SHAPE.test(manifest.id ?? '')) {
    throw new ManifestError(id, 'id', 'must be kebab-case (a-z, 0-9, "-")')
  }
  if (!semver.valid(manifest.version)) {
    throw new ManifestError(id, 'version', `"${manifest.version}" is not a valid semver version`)
  }
  if (!PLUGIN_KINDS.includes(manifest.kind)) {
    throw new ManifestError(
      id,
      'kind',
      `"${manifest.kind}" is not one of ${PLUGIN_KINDS.join(', ')}`
    )
  }
  if (!Array.isArray(manifest.levels) || manifest.levels.length === 0) {
    throw new ManifestError(id, 'levels', 'must list at least one level')
  }
  for (const level of manifest.levels) {
    if (!PLUGIN_LEVELS.includes(level)) {
      throw new ManifestError(id, 'levels', `"${level}" is not one of ${PLUGIN_LEVELS.join(', ')}`)
    }
  }
  for (const field of ['name', 'description'] as const) {
    const text = manifest[field]
    if (!text?.['zh-CN'] || !text?.en) {
      throw new ManifestError(id, field, 'needs both zh-CN and en')
    }
  }
  for (const [requirement, range] of Object.entries(manifest.requires ?? {})) {
    if (!semver.validRange(range)) {
      throw new ManifestError(
        id,
        `requires.${requirement}`,
        `"${range}" is not a valid semver range`
      )
    }
  }
}

function findCycle(byId: Map<string, PluginManifest>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>()
  const path: string[] = []
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id]
    state.set(id, 'visiting')
    path.push(id)
    for (const dependency of Object.keys(byId.get(id)?.requires ?? {})) {
      const cycle = visit(dependency)
      if (cycle) return cycle
    }
    path.pop()
    state.set(id, 'done')
    return null
  }
  for (const id of byId.keys()) {
    const cycle = visit(id)
    if (cycle) return cycle
  }
  return null
}

export class PluginRegistry {
  private readonly byId: Map<string, PluginManifest>

  constructor(manifests: PluginManifest[]) {
    manifests.forEach(validateOne)
    this.byId = new Map()
    for (const manifest of manifests) {
      if (this.byId.has(manifest.id)) {
        throw new ManifestError(manifest.id, 'id', 'is installed twice')
      }
      this.byId.set(manifest.id, manifest)
    }
    for (const manifest of manifests) {
      for (const [requirement, range] of Object.entries(manifest.requires ?? {})) {
        const installed = this.byId.get(requirement)
        if (!installed) {
          throw new ManifestError(manifest.id, `requires.${requirement}`, 'is not installed')
        }
        if (!semver.satisfies(installed.version, range)) {
          throw new ManifestError(
            manifest.id,
            `requires.${requirement}`,
            `needs ${range} but ${installed.version} is installed`
          )
        }
      }
    }
    this.checkCapabilities(manifests)
    const cycle = findCycle(this.byId)
    if (cycle) throw new ManifestError(cycle[0], 'requires', `forms a cycle: ${cycle.join(' → ')}`)
  }

  private checkCapabilities(manifests: PluginManifest[]) {
    const providers = new Map<CapabilityName, string>()
    for (const manifest of manifests) {
      for (const name of Object.keys(manifest.provides ?? {}) as CapabilityName[]) {
        if (!CAPABILITY_NAMES.includes(name)) {
          throw new ManifestError(manifest.id, `provides.${name}`, 'is not a known capability')
        }
        const other = providers.get(name)
        if (other) {
          throw new ManifestError(manifest.id, `provides.${name}`, `is provided by "${other}" too`)
        }
        providers.set(name, manifest.id)
      }
    }
    for (const manifest of manifests) {
      for (const name of manifest.consumes ?? []) {
        if (!providers.has(name)) {
          throw new ManifestError(
            manifest.id,
            `consumes.${name}`,
            'is provided by no installed plugin'
          )
        }
      }
    }
  }

  all() {
    return [...this.byId.values()]
  }

  find(id: string) {
    return this.byId.get(id)
  }

  /** Installed plugins that require `id` */
  dependentsOf(id: string) {
    return this.all().filter((manifest) => id in (manifest.requires ?? {}))
  }
}
