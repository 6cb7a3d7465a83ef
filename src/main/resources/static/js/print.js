// A "print" button for pages meant to be printed or saved as PDF (the final report). A file of its
// own, since the pages' policy allows no inline script.
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  });
})();
