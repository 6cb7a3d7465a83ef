// Cockpit's settings for this application (it replaces the file of the same path in Camunda's webjar).
// Cockpit speaks French to a browser that prefers French (locales/fr.json, ours), German or English otherwise.
import {locales} from '../../locales.js';

export default {
  locales
};
