// The Camunda welcome page's settings for this application (it replaces the file of the same path in
// Camunda's webjar). It speaks French to a browser that prefers French (locales/fr.json, ours).
import {locales} from '../../locales.js';

export default {
  locales
};
