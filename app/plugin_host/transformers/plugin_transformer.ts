import type { PluginManifest } from '#plugin_host/define_plugin'
import type TenantPlugin from '#plugin_host/models/tenant_plugin'

/** What of a manifest and its enablement reaches pages and the API. */
export const pluginTransformer = {
  forCatalogue(manifest: PluginManifest, locale: string) {
    return {
      id: manifest.id,
      version: manifest.version,
      kind: manifest.kind,
      name: locale === 'en' ? manifest.name.en : manifest.name['zh-CN'],
      description: locale === 'en' ? manifest.description.en : manifest.description['zh-CN'],
      levels: manifest.levels,
      requires: manifest.requires ?? {},
      provides: Object.keys(manifest.provides ?? {}),
      consumes: manifest.consumes ?? [],
    }
  },

  forTenant(manifest: PluginManifest, row: TenantPlugin | undefined, locale: string) {
    return {
      ...this.forCatalogue(manifest, locale),
      enabled: row?.enabled ?? false,
      settings: row?.settings ?? manifest.settings?.defaults ?? {},
      hasSettings: manifest.settings !== undefined,
      enabledAt: row?.enabledAt?.toISO() ?? null,
    }
  },
}
