// The campaign creation page: sends the form in the background and shows how far the customer file
// has been sent, then read (rows read, share of the file), instead of a page that hangs for minutes.
// Without JavaScript the form posts as usual.
(function () {
  'use strict';
  var form = document.querySelector('form[data-progress-url]');
  var status = document.getElementById('import-status');
  if (!form || !status || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var bar = document.getElementById('import-bar');
  var text = document.getElementById('import-text');
  var idField = document.getElementById('uploadId');
  // the page's own words, in its language: data-sending, data-reading-start, data-reading, data-failed
  var lang = document.documentElement.lang || undefined;
  function say(name, fallback, values) {
    var message = text.getAttribute('data-' + name) || fallback;
    Object.keys(values || {}).forEach(function (key) {
      message = message.split('{' + key + '}').join(values[key]);
    });
    return message;
  }

  function newUploadId() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    return 'u' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  function show(percent, message) {
    status.hidden = false;
    bar.value = percent;
    text.textContent = message;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var uploadId = newUploadId();
    idField.value = uploadId;
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    var progressUrl = form.getAttribute('data-progress-url') + encodeURIComponent(uploadId);
    var polling = null;

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) {
        var sent = Math.round(e.loaded * 100 / e.total);
        show(sent, say('sending', 'Sending the file: {percent} %', { percent: sent }));
      }
    };
    xhr.upload.onload = function () {
      show(0, say('reading-start', 'Reading the customer file…'));
      polling = window.setInterval(function () {
        fetch(progressUrl, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (p) {
            if (p) {
              show(p.percent, say('reading', 'Reading the customer file: {rows} rows read ({percent} %)',
                { rows: p.rowsRead.toLocaleString(lang), percent: p.percent }));
            }
          })
          .catch(function () { /* the next poll will tell */ });
      }, 400);
    };
    xhr.onload = function () {
      if (polling) {
        window.clearInterval(polling);
      }
      // the page the server answered with: the campaign (after its redirect, whose one-time message
      // must not be fetched twice), or the form again with the messages next to the fields
      var redirected = xhr.responseURL && xhr.responseURL.split('?')[0] !== form.action.split('?')[0];
      document.open();
      document.write(xhr.responseText);
      document.close();
      if (redirected && window.history && window.history.replaceState) {
        window.history.replaceState(null, '', xhr.responseURL);
      }
    };
    xhr.onerror = function () {
      if (polling) {
        window.clearInterval(polling);
      }
      button.disabled = false;
      show(0, say('failed', 'The file could not be sent (connection lost?). Try again.'));
    };
    xhr.send(new FormData(form));
  });
})();
