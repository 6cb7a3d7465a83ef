// Tasklist's settings for this application (it replaces the file of the same path in Camunda's webjar).
// Tasklist speaks French to a browser that prefers French (locales/fr.json, ours), German or English
// otherwise; task names and forms come from the models.
import {locales} from '../../locales.js';

export default {
  locales,
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claim the selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'go to the first filter'},
    focusList: {key: 'ctrl+alt+l', description: 'go to the first task of the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'go to the first field of the task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'open the start-process dialog'}
  }
};
