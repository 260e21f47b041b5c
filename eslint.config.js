import { configApp } from '@adonisjs/eslint-config'

export default configApp({
  ignores: ['build/**', 'public/assets/**', '.adonisjs/**', 'resources/**/*.svelte', 'tmp/**'],
})
