// ESLint with typescript-eslint's type-checked recommended rules (as Immich, Twenty and the brocoders
// boilerplate run them); Prettier owns the layout, so eslint-config-prettier turns the style rules off.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'tools/', 'var/', 'coverage/', 'migrations/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  prettier,
);
