// The language settings shared by Tasklist, Cockpit, Admin and the welcome page (each config.js imports them).
//
// The fallback language is the browser's own when we have it: Camunda's apps load the preferred and the
// fallback locale files side by side, and each file that arrives sets the date library's language, so a
// French browser with an English fallback could see "a month ago" next to French labels, depending on
// which file came last. Our French file has every label of Camunda's English one (StaffMessagesTest),
// so nothing is lost by not falling back.
const availableLocales = ['en', 'de', 'fr'];

function browserLanguage() {
  const nav = window.navigator;
  const first = (Array.isArray(nav.languages) && nav.languages[0]) || nav.language || '';
  return first.split('-')[0].toLowerCase();
}

export const locales = {
  availableLocales,
  fallbackLocale: availableLocales.includes(browserLanguage()) ? browserLanguage() : 'en'
};
