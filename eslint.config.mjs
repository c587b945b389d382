// ESLint with typescript-eslint's type-checked recommended rules (as Immich, Twenty and the brocoders
// boilerplate run them); Prettier owns the layout, so eslint-config-prettier turns the style rules off.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const UNSAFE_ANY = ['no-unsafe-argument', 'no-unsafe-assignment', 'no-unsafe-call', 'no-unsafe-member-access', 'no-unsafe-return'];
const off = (rules) => Object.fromEntries(rules.map((rule) => [`@typescript-eslint/${rule}`, 'off']));

export default tseslint.config(
  { ignores: ['dist/', 'tools/', 'var/', 'coverage/', 'migrations/', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { a: _a, ...rest } = x` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Supertest's response body is `any` by design: the suites assert on it field by field.
    files: ['test/**/*.ts'],
    rules: off(UNSAFE_ANY),
  },
  prettier,
);
