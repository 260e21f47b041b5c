import { configApp } from '@adonisjs/eslint-config'
import ggzy from './eslint/plugin_boundaries.js'

export default configApp(
  {
    ignores: ['build/**', 'public/assets/**', '.adonisjs/**', 'resources/**/*.svelte', 'tmp/**'],
  },
  {
    files: ['app/**/*.ts', 'plugins/**/*.ts', 'start/**/*.ts', 'providers/**/*.ts'],
    plugins: { ggzy },
    rules: { 'ggzy/plugin-boundaries': 'error' },
  }
)
