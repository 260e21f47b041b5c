import './css/app.css'
import { createInertiaApp } from '@inertiajs/svelte'
import type { ResolvedComponent } from '@inertiajs/svelte'

/**
 * Core pages are `<module>/<page>` under resources/pages; a plugin's pages
 * are `<plugin-id>/<page>` under its own resources/pages folder.
 */
const corePages = import.meta.glob<ResolvedComponent>('./pages/**/*.svelte')
const pluginPages = import.meta.glob<ResolvedComponent>([
  '../plugins/*/resources/pages/**/*.svelte',
  '../tests/fixtures/plugins/*/resources/pages/**/*.svelte',
])

function pageLoader(name: string) {
  const core = corePages[`./pages/${name}.svelte`]
  if (core) return core
  const [pluginId, ...rest] = name.split('/')
  const suffix = `/${pluginId}/resources/pages/${rest.join('/')}.svelte`
  const key = Object.keys(pluginPages).find((path) => path.endsWith(suffix))
  if (!key) throw new Error(`Page not found: ${name}`)
  return pluginPages[key]
}

createInertiaApp({
  progress: { color: '#b71c1c' },
  // Inertia's Svelte adapter wants the page module itself (`default` and an optional `layout`)
  resolve: (name) => pageLoader(name)(),
})
