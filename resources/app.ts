import './css/app.css'
import { createInertiaApp } from '@inertiajs/svelte'
import { resolvePageComponent } from '@adonisjs/inertia/helpers'
import type { ResolvedComponent } from '@inertiajs/svelte'

createInertiaApp({
  progress: { color: '#b71c1c' },
  resolve: (name) =>
    resolvePageComponent<ResolvedComponent>(
      `./pages/${name}.svelte`,
      import.meta.glob<ResolvedComponent>('./pages/**/*.svelte')
    ),
})
