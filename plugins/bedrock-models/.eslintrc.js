module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Dialogs move focus to their first field, as WAI-ARIA's modal dialog pattern asks; the rule's
    // concern (focus jumping on page load) applies to DOM elements, not these @backstage/ui fields.
    'jsx-a11y/no-autofocus': ['error', { ignoreNonDOM: true }],
  },
});
