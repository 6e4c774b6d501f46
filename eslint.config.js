// Lint: TypeScript strict rules, React hooks, accessibility, and the project's own boundaries.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

// Untrusted data (step names, inputs, outputs, errors, metadata) must never become markup or code.
const noHtmlOrEval = {
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-restricted-syntax": [
    "error",
    {
      selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
      message: "Never render HTML: script data is untrusted. Render text.",
    },
    {
      selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]",
      message: "Never write HTML: script data is untrusted. Use textContent.",
    },
    {
      selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
      message: "Never write HTML: script data is untrusted.",
    },
    {
      selector: "CallExpression[callee.property.name=/^(write|writeln)$/][callee.object.name='document']",
      message: "document.write is forbidden.",
    },
    {
      selector: "CallExpression[callee.property.name='createContextualFragment']",
      message: "Never parse HTML from data.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "src/api/gen/**",
      "test-results/**",
      "playwright-report/**",
      ".scriptum-sandbox/**",
      "bench/results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "off",
      ...noHtmlOrEval,
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The app does not use the React Compiler; this rule only reports what it would skip.
      "react-hooks/incompatible-library": "off",
      ...jsxA11y.flatConfigs.recommended.rules,
      // Only src/api talks to the network: the transports stay behind it.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@connectrpc/connect-web", message: "Only src/api builds transports." },
            { name: "@connectrpc/connect-node", message: "Node transports belong to server/." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "Only src/api talks to the network." },
        { name: "XMLHttpRequest", message: "Only src/api talks to the network." },
        { name: "WebSocket", message: "Only src/api talks to the network." },
        { name: "EventSource", message: "Only src/api talks to the network." },
      ],
    },
  },
  {
    files: ["src/api/**/*.{ts,tsx}", "src/**/*.test.{ts,tsx}", "src/test/**"],
    rules: { "no-restricted-imports": "off", "no-restricted-globals": "off" },
  },
  {
    files: ["server/**/*.ts", "scripts/**/*.{ts,mjs,js}", "e2e/**/*.ts", "bench/**/*.{ts,mjs}", "*.config.{ts,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
